extension IntakePolicy {
    /// Each criterion appears once and the weights add up to 1.
    func validateRules(at pointer: JSONPointer, into violations: inout ViolationCollector) {
        violations.unique(criteria.map(\.criterion), at: pointer / "criteria", "criterion")
        let total = criteria.reduce(0) { $0 + $1.weight }
        violations.require(abs(total - 1) < 0.000_001, pointer / "criteria",
                           "the criteria weights add up to \(total), not 1")
    }
}
