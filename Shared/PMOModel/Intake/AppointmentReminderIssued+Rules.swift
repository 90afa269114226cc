extension AppointmentReminderIssued {
    /// A reminder comes after the proposal was approved.
    func validateRules(at pointer: JSONPointer, into violations: inout ViolationCollector) {
        violations.require(remindedAt > pendingSince, pointer / "remindedAt",
                           "the reminder must come after the approval (\(RFC3339.format(pendingSince)))")
    }
}
