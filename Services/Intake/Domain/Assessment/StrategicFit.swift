import PMOModel

/// Strategic fit: the weight of the policy's strategic objectives the proposal addresses.
/// Addressing half of the strategy's total weight or more earns full marks.
public enum StrategicFit {
    /// Scores `proposal` against `policy`'s strategic objectives.
    public static func score(_ proposal: ProposalSubmitted, policy: PolicyPublished) -> CriterionResult {
        let objectives = policy.strategicObjectives
        let totalWeight = objectives.reduce(0) { $0 + $1.weight }
        let addressed = objectives.filter { proposal.strategicObjectives.contains($0.objectiveId) }
        let known = Set(objectives.map(\.objectiveId))
        let unknown = proposal.strategicObjectives.filter { !known.contains($0) }
        var notes = ""
        if !unknown.isEmpty {
            notes = "; \(unknown.joined(separator: ", ")) \(unknown.count == 1 ? "is" : "are") not in policy v\(policy.version)"
        }
        guard !addressed.isEmpty, totalWeight > 0 else {
            return CriterionResult(score: 0, reason: "addresses none of the policy's strategic objectives\(notes)")
        }
        let weight = addressed.reduce(0) { $0 + $1.weight }
        let score = 100 * min(1, weight / (0.5 * totalWeight))
        let ids = addressed.map(\.objectiveId).joined(separator: ", ")
        return CriterionResult(score: score,
                               reason: "addresses \(ids), weight \(weight.twoDecimals) of \(totalWeight.twoDecimals) (half earns full marks)\(notes)")
    }
}
