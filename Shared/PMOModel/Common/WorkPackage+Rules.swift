extension WorkPackage {
    /// A work package may not finish before it starts.
    func validateRules(at pointer: JSONPointer, into violations: inout ViolationCollector) {
        violations.ordered(plannedStart, plannedFinish, startName: "the planned start", at: pointer / "plannedFinish")
    }
}
