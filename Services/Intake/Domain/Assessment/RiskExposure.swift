import PMOModel

/// Risk: the highest probability × impact (0 to 5) among the open risks and the number of high
/// risks (at or above the policy's escalation score). 100, minus 15 per point of the highest
/// score, minus 10 per high risk.
public enum RiskExposure {
    /// Scores the proposal's initial risks.
    public static func score(_ proposal: ProposalSubmitted, policy: PolicyPublished) -> CriterionResult {
        let open = proposal.initialRisks.filter { $0.status != .closed }
        guard let highest = open.max(by: { exposure($0) < exposure($1) }) else {
            return CriterionResult(score: 100, reason: "no open risks")
        }
        let threshold = policy.monitoring.riskEscalationScore
        let high = open.filter { exposure($0) >= threshold }.count
        let top = exposure(highest)
        let score = 100 - 15 * top - 10 * Double(high)
        let highText = high == 0 ? "no high risks" : "\(high) high risk\(high == 1 ? "" : "s")"
        return CriterionResult(
            score: score,
            reason: "highest risk \(highest.riskId) at \(highest.probability.twoDecimals) × \(highest.impact) = \(top.twoDecimals), \(highText) (≥ \(threshold.twoDecimals))")
    }

    /// Probability × impact of a risk.
    public static func exposure(_ risk: Risk) -> Double {
        risk.probability * Double(risk.impact)
    }
}
