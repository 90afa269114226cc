extension EscalationRaised {
    /// A major-risk escalation carries the risk's score (probability times impact).
    func validateRules(at pointer: JSONPointer, into violations: inout ViolationCollector) {
        if kind == .majorRisk {
            violations.require(score != nil, pointer / "score", "a major-risk escalation must give the risk's score")
        }
    }
}
