extension ChangeDecisionMade {
    /// A refusal accompanies exactly the refused outcome and comes from change control itself;
    /// only CCB decisions count votes and a quorum; a deadline action comes with its deadline.
    func validateRules(at pointer: JSONPointer, into violations: inout ViolationCollector) {
        violations.refusalMatches(outcome: outcome, refusal: refusal, at: pointer / "refusal")
        if outcome == .refused {
            violations.require(decidedBy == .system, pointer / "decidedBy", "refusals are decided by the system")
        }
        if decidedBy != .changeControlBoard {
            violations.require(votes.isEmpty, pointer / "votes", "only a CCB decision counts votes")
        } else {
            violations.require(quorumMet != nil, pointer / "quorumMet", "a CCB decision must say whether the quorum was met")
        }
        if deadlineAction != nil {
            violations.require(finalDeadline != nil, pointer / "finalDeadline", "a deadline action comes with the final deadline")
        }
        violations.unique(votes.map(\.voter), at: pointer / "votes", "voter")
    }
}
