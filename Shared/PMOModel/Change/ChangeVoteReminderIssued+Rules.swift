extension ChangeVoteReminderIssued {
    /// A reminder comes after the vote was requested.
    func validateRules(at pointer: JSONPointer, into violations: inout ViolationCollector) {
        violations.require(remindedAt > pendingSince, pointer / "remindedAt",
                           "the reminder must come after the vote was requested (\(RFC3339.format(pendingSince)))")
    }
}
