import PMOModel

/// Feasibility: budget and duration against the policy's limits, and dependencies on other
/// departments. Beyond either limit scores 0; otherwise 100, minus up to 30 for the budget's
/// share of the limit, up to 30 for the duration's share, and 5 per other department involved
/// (at most 20).
public enum Feasibility {
    /// Scores `proposal` against `policy`'s intake limits.
    public static func score(_ proposal: ProposalSubmitted, policy: PolicyPublished) -> CriterionResult {
        guard let budget = proposal.budgetEstimate, let start = proposal.targetStart, let finish = proposal.targetFinish else {
            return CriterionResult(score: 0, reason: "no budget or schedule to judge feasibility by")
        }
        let limit = policy.intake.maxBudget
        guard let budget = PolicyCurrency.convert(budget, to: limit.currency, policy: policy) else {
            return CriterionResult(score: 0, reason: "the budget is in \(budget.currency), which no rate of the policy converts to \(limit.currency)")
        }
        let months = ProjectDuration(from: start, to: finish).months
        let maxMonths = Double(policy.intake.maxDurationMonths)
        if budget.amount > limit.amount {
            return CriterionResult(score: 0, reason: "budget \(budget.readable) exceeds the policy's limit of \(limit.readable)")
        }
        if months > maxMonths {
            return CriterionResult(score: 0, reason: "\(months.oneDecimal) months exceeds the policy's limit of \(policy.intake.maxDurationMonths) months")
        }
        let budgetShare = limit.amount == 0 ? 1 : budget.amount.double / limit.amount.double
        let durationShare = months / maxMonths
        let others = proposal.departmentsInvolved.filter { $0 != proposal.department }
        let dependencyPenalty = min(20, 5 * Double(others.count))
        let score = 100 - 30 * budgetShare - 30 * durationShare - dependencyPenalty
        let dependencies = others.isEmpty ? "no other department involved"
            : "depends on \(others.count) other department\(others.count == 1 ? "" : "s")"
        return CriterionResult(
            score: score,
            reason: "budget \(budgetShare.percent)% of the \(limit.readable) limit, \(months.oneDecimal) of \(policy.intake.maxDurationMonths) months, \(dependencies)")
    }
}
