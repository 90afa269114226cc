extension EarnedValueBands {
    /// The amber band starts below the green one.
    func validateRules(at pointer: JSONPointer, into violations: inout ViolationCollector) {
        violations.require(amberFrom <= greenFrom, pointer / "amberFrom",
                           "the amber band (from \(amberFrom)) must start at or below the green band (from \(greenFrom))")
    }
}
