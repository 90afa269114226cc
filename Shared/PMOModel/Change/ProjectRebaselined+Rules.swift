extension ProjectRebaselined {
    /// A rebaseline replaces the revision just before it, so it is revision 2 or later.
    func validateRules(at pointer: JSONPointer, into violations: inout ViolationCollector) {
        violations.require(baselineRevision >= 2, pointer / "baselineRevision",
                           "a rebaseline is revision 2 or later (got \(baselineRevision))")
        violations.require(previousBaselineRevision == baselineRevision - 1, pointer / "previousBaselineRevision",
                           "must be \(baselineRevision - 1), the revision just before \(baselineRevision)")
    }
}
