extension ExpertReviewReminderIssued {
    /// A reminder comes after the expert review was requested, and only while verdicts are missing.
    func validateRules(at pointer: JSONPointer, into violations: inout ViolationCollector) {
        violations.require(remindedAt > pendingSince, pointer / "remindedAt",
                           "the reminder must come after the expert review was requested (\(RFC3339.format(pendingSince)))")
        violations.require(verdictsReceived < verdictsRequired, pointer / "verdictsReceived",
                           "\(verdictsReceived) verdicts were received of the \(verdictsRequired) required: nothing is overdue")
    }
}
