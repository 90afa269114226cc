import Foundation
import PMOModel

/// The portfolio summary (`pmo.portfolio.summary.published.v1`) summed from the portfolio
/// register and the policy in force: the second stage of the monitoring service.
///
/// The rules (docs/monitoring.md, section 11):
/// - `projects` counts every entry; `projectsByPhase` lists every phase with at least one project,
///   in ``ProjectPhase`` order; `projectsByHealth` counts the projects in phase `executing` (and
///   `baselined`, should one carry a health) by overall rating, green, amber, red, each rating
///   with at least one project.
/// - Money is summed exactly (`Decimal`) in the policy's currency. An entry with any amount
///   (budget or figures) in another currency is left out of every money total and index, and
///   named in ``leftOutForCurrency``; it still counts in the phases, health and KPIs.
///   `totalBudgetAtCompletion` sums the budgets of the projects baselined, executing or closed;
///   `totalEstimateAtCompletion` sums, for the same projects, the EAC where the figures give one
///   and the budget otherwise. `totalPlannedValue`, `totalEarnedValue` and `totalActualCost` sum
///   the figures of the entries that have them (absent when none has); the portfolio SPI is
///   ΣEV / ΣPV and CPI ΣEV / ΣAC, absent when the divisor is 0.
/// - KPIs: the mean of the intake cycle days given; plan review days and change decision days as
///   total days over total decisions (absent with no decision); open alerts and escalations
///   summed; on-time reporting = executing projects whose reporting is not overdue (an executing
///   project without a reporting section does not count as on time) over executing projects,
///   × 100 (absent with none executing).
/// - KPI results: one per target in `policy.kpiTargets`, in ``PortfolioKPI`` order; days are met
///   at or under the target, the percentage at or over it, judged on the value as published;
///   with no value, `met` is absent too.
/// - `asOf` is the latest `figures.asOf` of the entries (the UTC date of `now` when none has
///   figures); `publishedAt` is `now`.
/// - Rounding happens once, when the event is built: money to 2 decimals, indices, days and the
///   percentage to 4 decimals, halves away from zero (``EventRounding``).
///
/// Everything is computed from the entries in project-id order on exact decimals, so the result
/// does not depend on the order the register received them.
public struct PortfolioSummary: Sendable, Equatable {
    /// The portfolio the monitoring service summarises unless told otherwise.
    public static let defaultPortfolioId = "enterprise"

    /// The event to publish.
    public var event: PortfolioSummaryPublished
    /// The projects left out of the money totals because an amount of theirs is not in the
    /// policy's currency, sorted by project id (for the stage to log; the contract has no field).
    public var leftOutForCurrency: [String]

    /// Sums `register` under `policy` into the summary of `portfolioId`, published at `now`.
    public init(register: PortfolioRegister, policy: PolicyPublished,
                portfolioId: String = PortfolioSummary.defaultPortfolioId, now: Date) {
        let entries = register.sortedEntries
        let money = MoneyTotals(entries, currency: policy.currency)
        let kpis = Self.kpis(entries)
        event = PortfolioSummaryPublished(
            portfolioId: portfolioId,
            asOf: entries.compactMap(\.figures?.asOf).max() ?? CalendarDate(utcDayOf: now),
            publishedAt: now,
            projectsByPhase: Self.projectsByPhase(entries),
            projectsByHealth: Self.projectsByHealth(entries),
            totalBudgetAtCompletion: Money(EventRounding.money(money.budgetAtCompletion), policy.currency),
            totalEstimateAtCompletion: Money(EventRounding.money(money.estimateAtCompletion), policy.currency),
            portfolioSchedulePerformanceIndex: money.measured ? Self.ratio(money.earnedValue, over: money.plannedValue) : nil,
            portfolioCostPerformanceIndex: money.measured ? Self.ratio(money.earnedValue, over: money.actualCost) : nil,
            kpis: kpis,
            kpiTargetsYear: policy.kpiTargets?.year,
            kpiResults: policy.kpiTargets.map { Self.results(kpis, against: $0) } ?? [],
            totalPlannedValue: money.measured ? Money(EventRounding.money(money.plannedValue), policy.currency) : nil,
            totalEarnedValue: money.measured ? Money(EventRounding.money(money.earnedValue), policy.currency) : nil,
            totalActualCost: money.measured ? Money(EventRounding.money(money.actualCost), policy.currency) : nil,
            projects: entries.count)
        leftOutForCurrency = money.leftOut
    }

    /// Whether two summaries say something different: every field but `publishedAt` counts. The
    /// stage publishes a new summary only when it differs from the last one it published.
    public static func differs(_ a: PortfolioSummaryPublished, _ b: PortfolioSummaryPublished) -> Bool {
        var a = a
        a.publishedAt = b.publishedAt
        return a != b
    }

    /// Phases with at least one project, in declaration order.
    static func projectsByPhase(_ entries: [PortfolioEntryUpdated]) -> [PhaseCount] {
        ProjectPhase.allCases.compactMap { phase in
            let count = entries.count { $0.phase == phase }
            return count > 0 ? PhaseCount(phase: phase, projects: count) : nil
        }
    }

    /// Executing (and rated baselined) projects per overall rating, green to red, zeros left out.
    static func projectsByHealth(_ entries: [PortfolioEntryUpdated]) -> [RAGCount] {
        let rated = entries.filter { $0.phase == .executing || $0.phase == .baselined }.compactMap(\.health)
        return RAGStatus.allCases.compactMap { rating in
            let count = rated.count { $0 == rating }
            return count > 0 ? RAGCount(rating: rating, projects: count) : nil
        }
    }

    /// `numerator / denominator` rounded as an index; `nil` when the denominator is 0.
    static func ratio(_ numerator: Decimal, over denominator: Decimal) -> Double? {
        denominator == 0 ? nil : published(numerator / denominator)
    }

    /// A day count, index or percentage as the event shows it: 4 decimals, halves away from zero.
    static func published(_ value: Decimal) -> Double {
        value.rounded(EventRounding.indexDecimals).nearestDouble + 0.0
    }

    /// The exact decimal of a `Double` read from an event (its shortest digits).
    static func exact(_ value: Double) -> Decimal {
        Decimal(shortest: value) ?? 0
    }
}
