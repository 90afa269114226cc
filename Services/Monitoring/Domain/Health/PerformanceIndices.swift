import PMOModel

/// One assessment's unrounded SPI and CPI, each `nil` when undefined: what the trend rules
/// compare from report to report.
///
/// The trend is computed on these unrounded values, not on the 4 decimals the health event
/// shows, so whoever keeps a project's history (the service's state) keeps them unrounded.
public struct PerformanceIndices: Codable, Sendable, Hashable {
    /// SPI = EV / PV, unrounded; `nil` when PV is 0.
    public var schedule: Double?
    /// CPI = EV / AC, unrounded; `nil` when AC is 0.
    public var cost: Double?

    /// The indices `schedule` (SPI) and `cost` (CPI).
    public init(schedule: Double?, cost: Double?) {
        self.schedule = schedule
        self.cost = cost
    }

    /// The indices of `figures`.
    public init(_ figures: EarnedValueAnalysis) {
        self.init(schedule: figures.schedulePerformanceIndex, cost: figures.costPerformanceIndex)
    }
}
