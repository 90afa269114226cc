extension AssessmentCompleted {
    /// An incomplete proposal lists its missing sections and is returned for revision; a complete
    /// one carries one score per criterion, a total and a classification, and is returned only with
    /// the gate findings that say why.
    func validateRules(at pointer: JSONPointer, into violations: inout ViolationCollector) {
        violations.unique(scores.map(\.criterion), at: pointer / "scores", "criterion")
        if complete {
            violations.require(missingSections.isEmpty, pointer / "missingSections",
                               "a complete proposal cannot have missing sections")
            violations.require(!scores.isEmpty, pointer / "scores", "a complete proposal must be scored")
            violations.require(totalScore != nil, pointer / "totalScore", "a complete proposal must have a total score")
            violations.require(classification != nil, pointer / "classification",
                               "a complete proposal must be classified")
            if recommendation == .returnForRevision {
                violations.require(!gateFindings.isEmpty, pointer / "gateFindings",
                                   "a complete proposal is returned for revision only with the gate findings that say why")
            }
        } else {
            violations.require(!missingSections.isEmpty, pointer / "missingSections",
                               "an incomplete proposal must list its missing sections")
            violations.require(recommendation == .returnForRevision, pointer / "recommendation",
                               "an incomplete proposal must be returned for revision")
        }
    }
}
