extension QualityBands {
    /// Each amber threshold starts at or below its red one.
    func validateRules(at pointer: JSONPointer, into violations: inout ViolationCollector) {
        violations.require(openDefectsAmberFrom <= openDefectsRedFrom, pointer / "openDefectsAmberFrom",
                           "amber (from \(openDefectsAmberFrom) open defects) must start at or below red (from \(openDefectsRedFrom))")
        violations.require(failedAcceptanceTestsAmberFrom <= failedAcceptanceTestsRedFrom, pointer / "failedAcceptanceTestsAmberFrom",
                           "amber (from \(failedAcceptanceTestsAmberFrom) failed acceptance tests) must start at or below red (from \(failedAcceptanceTestsRedFrom))")
    }
}
