import PMOModel

/// The methods of forecasting the estimate at completion (EAC), from the contract's
/// ``PMOModel/EstimateAtCompletionMethod``; the policy's `monitoring.estimateAtCompletionMethod`
/// chooses one, ``PMOModel/EstimateAtCompletionMethod/bacOverCPI`` by default.
///
/// Worked example (BAC 800,000, AC 391,000, EV 352,000, PV 373,043.48; so CPI = 0.9003 and
/// SPI = 0.9436):
///
/// | method | formula | EAC |
/// |---|---|---|
/// | `bac-over-cpi` | BAC / CPI | 888,636.36 |
/// | `ac-plus-remaining` | AC + (BAC − EV) | 839,000.00 |
/// | `ac-plus-remaining-over-cpi-x-spi` | AC + (BAC − EV) / (CPI × SPI) | 918,386.36 |
extension EstimateAtCompletionMethod {
    /// The method the policy uses when it names none.
    public static let `default`: EstimateAtCompletionMethod = .bacOverCPI

    /// The policy's method, or the default when the policy names none.
    public static func of(_ policy: MonitoringPolicy) -> EstimateAtCompletionMethod {
        policy.estimateAtCompletionMethod ?? .default
    }
}
