import PMOModel

/// The schedule and cost variance checks of one status report: what ``VarianceAlerts`` receives.
public struct VarianceChecks: Sendable, Hashable {
    /// SV against PV.
    public var schedule: VarianceCheck
    /// CV against EV.
    public var cost: VarianceCheck
    /// The project's currency (the variances' currency), for the texts.
    public var currency: String

    /// The two checks as given (the machine reads the schedule slot as schedule and the cost slot
    /// as cost, whatever their `dimension` says).
    public init(schedule: VarianceCheck, cost: VarianceCheck, currency: String) {
        self.schedule = schedule
        self.cost = cost
        self.currency = currency
    }

    /// The checks of `figures` against `threshold`.
    public init(_ figures: EarnedValueAnalysis, threshold: VarianceThreshold) {
        self.init(schedule: .schedule(figures, threshold: threshold), cost: .cost(figures, threshold: threshold),
                  currency: figures.currency)
    }
}
