extension ResourceConflictResolved {
    /// A resolved conflict is no longer an over-allocation, and its period is in order.
    func validateRules(at pointer: JSONPointer, into violations: inout ViolationCollector) {
        violations.ordered(periodStart, periodEnd, startName: "the period start", at: pointer / "periodEnd")
        violations.require(allocatedHours <= capacityHours, pointer / "allocatedHours",
                           "\(allocatedHours) allocated hours exceed the capacity of \(capacityHours): still a conflict")
    }
}
