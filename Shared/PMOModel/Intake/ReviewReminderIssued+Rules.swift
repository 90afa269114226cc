extension ReviewReminderIssued {
    /// A reminder comes after the reviews were requested.
    func validateRules(at pointer: JSONPointer, into violations: inout ViolationCollector) {
        violations.require(remindedAt > pendingSince, pointer / "remindedAt",
                           "the reminder must come after the reviews were requested (\(RFC3339.format(pendingSince)))")
    }
}
