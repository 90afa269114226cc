extension PlanReviewCompleted {
    /// One assessment per sub-plan, and a missing sub-plan cannot be compliant.
    func validateRules(at pointer: JSONPointer, into violations: inout ViolationCollector) {
        violations.unique(subPlans.map(\.subPlan), at: pointer / "subPlans", "sub-plan")
        for (index, assessment) in subPlans.enumerated() where !assessment.present && assessment.compliant {
            violations.add(pointer / "subPlans" / index / "compliant",
                           "the \(assessment.subPlan.rawValue) sub-plan is missing, so it cannot be compliant")
        }
    }
}
