extension PlanDecisionMade {
    /// A refusal accompanies exactly the refused outcome.
    func validateRules(at pointer: JSONPointer, into violations: inout ViolationCollector) {
        violations.refusalMatches(outcome: outcome, refusal: refusal, at: pointer / "refusal")
    }
}
