import PMOModel

/// The schedule rating: SPI, unrounded, against the policy's `scheduleBands` (see
/// ``PerformanceIndexRating``).
///
/// **An undefined SPI rates green.** SPI = EV / PV is undefined only when PV is 0: the status date
/// is at or before the baseline's start, or the curve has planned nothing yet. A project cannot be
/// behind a plan that has not asked for anything; whatever it earned early is ahead of it (EV / PV
/// tends to +∞, which every band rates green). SPI of 0 (something planned, nothing earned) is
/// defined and rated like any other index: red unless `amberFrom` is 0.
///
/// Worked example, the example policy's schedule bands (green from 0.95, amber from 0.85): the
/// contract's example report has SPI 352,000 / 373,043.48 = 0.94359, amber; ten days after the
/// start with nothing earned, SPI = 0 / 16,483.52 = 0, red; on the day before the start (PV = 0)
/// SPI is undefined, green.
public enum ScheduleRating {
    /// The rating of `schedulePerformanceIndex` (`nil` when undefined) against `bands`.
    public static func rate(schedulePerformanceIndex: Double?, bands: EarnedValueBands) -> RAGStatus {
        guard let schedulePerformanceIndex else { return .green }
        return PerformanceIndexRating.rate(schedulePerformanceIndex, bands: bands)
    }
}
