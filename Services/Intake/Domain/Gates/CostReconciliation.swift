import Foundation
import PMOModel

/// The business case's estimated cost and the budget estimate must tell the same story: business
/// value is scored on the one and feasibility on the other, so two different figures could game
/// the score. They must agree within the policy's `costReconciliationPercent` of the budget
/// estimate (exactly when absent); otherwise the proposal is returned with the difference.
public enum CostReconciliation {
    /// Why the two figures disagree, or `nil` when they agree (or one is missing: completeness
    /// screening and the mandatory fields deal with that).
    public static func mismatch(_ proposal: ProposalSubmitted, policy: PolicyPublished) -> String? {
        guard let budget = proposal.budgetEstimate, let cost = proposal.businessCase?.estimatedCost,
              let converted = PolicyCurrency.convert(cost, to: budget.currency, policy: policy) else { return nil }
        let difference = converted.amount - budget.amount
        let tolerance = policy.intake.costReconciliationPercent ?? 0
        let magnitude = difference < 0 ? -difference : difference
        guard magnitude * 100 > Decimal(tolerance) * budget.amount else { return nil }
        let percent = budget.amount == 0 ? 100 : (NSDecimalNumber(decimal: magnitude).doubleValue / NSDecimalNumber(decimal: budget.amount).doubleValue * 100)
        let shownCost = converted.currency == cost.currency ? cost.readable : "\(cost.readable) (\(converted.readable))"
        return "the business case's estimated cost of \(shownCost) and the budget estimate of \(budget.readable) differ by \(Money(magnitude, budget.currency).readable) (\(percent.oneDecimal) % of the budget), more than the policy's \(tolerance.oneDecimal) %; they must agree"
    }
}
