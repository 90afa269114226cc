import Foundation
import PMOModel

/// The budget ceiling (check `budget-ceiling`, for the plan as a whole): BAC plus the cost plan's
/// management reserve stays within the charter's budget ceiling, raised by the policy's
/// `planning.maxBudgetOverCharterPercent`:
///
///     BAC + management reserve ≤ budget ceiling × (1 + maxBudgetOverCharterPercent / 100)
///
/// The management reserve is outside the baseline but still money the project may spend, so it
/// counts against the ceiling; without a cost plan only BAC is compared (the missing plan is a
/// completeness finding). Amounts in different currencies cannot be compared and are a finding
/// themselves: the plan cannot be shown to stay within the ceiling.
///
/// Worked example: BAC 800,000 EUR and a management reserve of 100,000 EUR against a ceiling of
/// 850,000 EUR with 0% allowed over give "BAC of 800,000 EUR plus the management reserve of
/// 100,000 EUR is 900,000 EUR, above the charter's budget ceiling of 850,000 EUR."; with 10%
/// allowed the limit is 935,000 EUR and there is no finding.
public enum BudgetCeiling {
    /// At most one finding.
    public static func check(_ plan: PlanSubmitted, charter: ProjectChartered, policy: PlanningPolicy) -> [RuleFinding] {
        let bac = plan.baseline.budgetAtCompletion
        let ceiling = charter.budgetCeiling
        guard bac.currency == ceiling.currency else {
            return [finding("BAC is in \(bac.currency) but the charter's budget ceiling is in \(ceiling.currency); the plan cannot be shown to stay within it.")]
        }
        var total = bac
        var spending = "BAC of \(bac.readable)"
        if let reserve = plan.subPlans.cost?.managementReserve {
            guard reserve.currency == bac.currency else {
                return [finding("The management reserve is in \(reserve.currency) but BAC is in \(bac.currency); the plan cannot be shown to stay within the charter's budget ceiling.")]
            }
            total.amount += reserve.amount
            spending += " plus the management reserve of \(reserve.readable) is \(total.readable)"
        }
        let percent = policy.maxBudgetOverCharterPercent
        let allowed = Money(ceiling.amount * (1 + decimal(percent) / 100), ceiling.currency)
        guard total.amount > allowed.amount else { return [] }
        let limit = percent == 0 ? "the charter's budget ceiling of \(ceiling.readable)"
            : "the \(allowed.readable) allowed (the charter's budget ceiling of \(ceiling.readable) plus \(percent.oneDecimal)%)"
        return [finding("\(spending), above \(limit).")]
    }

    private static func finding(_ text: String) -> RuleFinding {
        RuleFinding(.budgetCeiling, on: nil, text)
    }

    /// The percentage as written (2.5 as 2.5, not as its nearest binary fraction).
    private static func decimal(_ value: Double) -> Decimal {
        Decimal(string: String(value)) ?? Decimal(value)
    }
}
