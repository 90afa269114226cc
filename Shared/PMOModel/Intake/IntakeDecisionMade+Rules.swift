extension IntakeDecisionMade {
    /// A refusal accompanies exactly the refused outcome; only an approval can need a PM
    /// appointment; a deferral says until when; an appeal ruling upholds or lifts a rejection.
    func validateRules(at pointer: JSONPointer, into violations: inout ViolationCollector) {
        violations.refusalMatches(outcome: outcome, refusal: refusal, at: pointer / "refusal")
        if outcome == .deferred {
            violations.require(deferredUntil != nil, pointer / "deferredUntil", "a deferral must say until when")
        } else {
            violations.require(deferredUntil == nil, pointer / "deferredUntil", "only a deferral has a date to resume (the outcome is \(outcome.rawValue))")
        }
        if appealVerdict != nil {
            violations.require(outcome == .rejected || outcome == .returnedForRevision, pointer / "outcome",
                               "a ruling on an appeal upholds the rejection or returns the proposal for revision")
        }
        if projectManagerAppointmentRequired {
            violations.require(outcome == .approved, pointer / "projectManagerAppointmentRequired",
                               "only an approved proposal can require a PM appointment")
        }
    }
}

extension ViolationCollector {
    /// A decision carries a refusal exactly when its outcome is `refused`.
    public mutating func refusalMatches(outcome: DecisionOutcome, refusal: Refusal?, at pointer: JSONPointer) {
        if outcome == .refused {
            require(refusal != nil, pointer, "a refused outcome must describe the refused input")
        } else {
            require(refusal == nil, pointer, "only a refused outcome carries a refusal (the outcome is \(outcome.rawValue))")
        }
    }
}
