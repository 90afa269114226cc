import PMOModel

/// The cost rating: CPI, unrounded, against the policy's `costBands` (see
/// ``PerformanceIndexRating``).
///
/// **An undefined CPI rates green.** CPI = EV / AC is undefined only when AC is 0: nothing has
/// been spent. With EV also 0 nothing was spent or earned, so no budget can be overrun; with EV
/// above 0 work was earned at no recorded cost (EV / AC tends to +∞, which every band rates
/// green; costs booked late show up in the next report's CPI). CPI of 0 (money spent, nothing
/// earned) is defined and rated like any other index: red unless `amberFrom` is 0.
///
/// Worked example, the example policy's cost bands (green from 0.95, amber from 0.90): the
/// contract's example report has CPI 352,000 / 391,000 = 0.90026, amber (it shows as 0.9003, but
/// it is the unrounded 0.90026 that is at or above 0.90); EV 0 and AC 0 ten days after the start
/// rate green; EV 8,000 and AC 0 rate green; EV 0 and AC 5,000 (CPI 0) rate red.
public enum CostRating {
    /// The rating of `costPerformanceIndex` (`nil` when undefined) against `bands`.
    public static func rate(costPerformanceIndex: Double?, bands: EarnedValueBands) -> RAGStatus {
        guard let costPerformanceIndex else { return .green }
        return PerformanceIndexRating.rate(costPerformanceIndex, bands: bands)
    }
}
