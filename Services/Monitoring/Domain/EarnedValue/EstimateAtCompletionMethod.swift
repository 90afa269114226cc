/// How the estimate at completion (EAC) is forecast from the figures to date; the policy chooses
/// one, ``bacOverCPI`` by default.
///
/// Worked example (BAC 800,000, AC 391,000, EV 352,000, PV 373,043.48; so CPI = 0.9003 and
/// SPI = 0.9436):
///
/// | method | formula | EAC |
/// |---|---|---|
/// | ``bacOverCPI`` | BAC / CPI | 888,636.36 |
/// | ``acPlusRemaining`` | AC + (BAC − EV) | 839,000.00 |
/// | ``acPlusRemainingOverCPIxSPI`` | AC + (BAC − EV) / (CPI × SPI) | 918,386.36 |
public enum EstimateAtCompletionMethod: String, Sendable, Hashable, CaseIterable {
    /// EAC = BAC / CPI: the remaining work costs what the work so far cost, relative to plan.
    /// Undefined when CPI is undefined (AC = 0) or zero (EV = 0).
    case bacOverCPI = "bac-over-cpi"
    /// EAC = AC + (BAC − EV): the remaining work costs what was budgeted for it. Always defined.
    case acPlusRemaining = "ac-plus-remaining"
    /// EAC = AC + (BAC − EV) / (CPI × SPI): the remaining work suffers both the cost and the
    /// schedule performance so far. Undefined when CPI or SPI is undefined or zero (AC, PV or EV
    /// is 0).
    case acPlusRemainingOverCPIxSPI = "ac-plus-remaining-over-cpi-x-spi"

    /// The method the policy uses when it names none.
    public static let `default`: EstimateAtCompletionMethod = .bacOverCPI
}
