extension ReviewSubmitted {
    /// A review that rejects or asks for a revision must say why, with at least one finding.
    func validateRules(at pointer: JSONPointer, into violations: inout ViolationCollector) {
        if verdict != .approve {
            violations.require(!findings.isEmpty, pointer / "findings",
                               "a '\(verdict.rawValue)' verdict must list at least one finding")
        }
    }
}
