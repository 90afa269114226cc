extension AllocationRequested {
    /// The allocation period is in order.
    func validateRules(at pointer: JSONPointer, into violations: inout ViolationCollector) {
        violations.ordered(periodStart, periodEnd, startName: "the period start", at: pointer / "periodEnd")
    }
}
