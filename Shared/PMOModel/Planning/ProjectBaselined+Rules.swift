extension ProjectBaselined {
    /// The first baseline is always revision 1.
    func validateRules(at pointer: JSONPointer, into violations: inout ViolationCollector) {
        violations.require(baselineRevision == 1, pointer / "baselineRevision",
                           "the first baseline is revision 1 (got \(baselineRevision)); later ones are rebaselines")
    }
}
