extension IntakeDecisionMade {
    /// A refusal accompanies exactly the refused outcome; only an approval can need a PM appointment.
    func validateRules(at pointer: JSONPointer, into violations: inout ViolationCollector) {
        violations.refusalMatches(outcome: outcome, refusal: refusal, at: pointer / "refusal")
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
