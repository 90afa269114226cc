extension AlertRaised {
    /// A variance alert states the corrective action required and its due date.
    func validateRules(at pointer: JSONPointer, into violations: inout ViolationCollector) {
        guard kind == .scheduleVariance || kind == .costVariance else { return }
        violations.require(requiredAction != nil, pointer / "requiredAction",
                           "a variance alert must state the corrective action required")
        violations.require(actionDueOn != nil, pointer / "actionDueOn",
                           "a variance alert must give the corrective action's due date")
    }
}
