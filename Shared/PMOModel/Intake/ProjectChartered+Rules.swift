extension ProjectChartered {
    /// Target dates in order and unique deliverables.
    func validateRules(at pointer: JSONPointer, into violations: inout ViolationCollector) {
        violations.ordered(targetStart, targetFinish, startName: "the target start", at: pointer / "targetFinish")
        violations.unique(deliverables.map(\.deliverableId), at: pointer / "deliverables", "deliverable id")
    }
}
