import PMOModel

/// Business value: expected value against cost, adjusted for payback.
/// A value/cost ratio of 1 scores 0, 3 or more scores 100, linearly between; a payback within
/// 12 months adds 10, beyond 36 months takes 20 off.
public enum BusinessValue {
    /// Scores the proposal's business case.
    public static func score(_ proposal: ProposalSubmitted, policy: PolicyPublished) -> CriterionResult {
        guard let businessCase = proposal.businessCase else {
            return CriterionResult(score: 0, reason: "no business case")
        }
        let cost = businessCase.estimatedCost
        guard let value = PolicyCurrency.convert(businessCase.expectedValue, to: cost.currency, policy: policy) else {
            let value = businessCase.expectedValue
            return CriterionResult(score: 0, reason: "expected value in \(value.currency) cannot be compared with the cost in \(cost.currency)")
        }
        var score: Double
        var reason: String
        if cost.amount == 0 {
            score = value.amount > 0 ? 100 : 0
            reason = "expected value \(value.readable) at no cost"
        } else {
            let ratio = value.amount.double / cost.amount.double
            score = (ratio - 1) / 2 * 100
            reason = "expected value \(value.readable) is \(ratio.oneDecimal)× the cost of \(cost.readable)"
        }
        if let payback = businessCase.paybackMonths {
            if payback <= 12 {
                score += 10
                reason += ", payback in \(payback) months (+10)"
            } else if payback > 36 {
                score -= 20
                reason += ", payback only after \(payback) months (−20)"
            } else {
                reason += ", payback in \(payback) months"
            }
        }
        return CriterionResult(score: score, reason: reason)
    }
}
