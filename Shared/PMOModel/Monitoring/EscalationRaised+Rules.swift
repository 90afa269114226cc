extension EscalationRaised {
    /// A major-risk escalation carries the risk's score (probability times impact); an
    /// unresolved-variance escalation names the alert it escalates and gives both measurements.
    func validateRules(at pointer: JSONPointer, into violations: inout ViolationCollector) {
        if kind == .majorRisk {
            violations.require(score != nil, pointer / "score", "a major-risk escalation must give the risk's score")
        }
        if kind == .unresolvedVariance {
            violations.require(alertId != nil, pointer / "alertId",
                               "an unresolved-variance escalation must name the alert it escalates")
            violations.require(measures.count == 2, pointer / "measures",
                               "an unresolved-variance escalation must give both measurements (the one that raised the alert, then the one that still breaches)")
        }
    }
}
