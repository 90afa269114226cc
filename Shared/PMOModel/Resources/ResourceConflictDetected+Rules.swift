extension ResourceConflictDetected {
    /// A conflict is an over-allocation: the allocations add up to the allocated hours, which
    /// exceed the capacity; the period is in order.
    func validateRules(at pointer: JSONPointer, into violations: inout ViolationCollector) {
        violations.ordered(periodStart, periodEnd, startName: "the period start", at: pointer / "periodEnd")
        violations.require(allocatedHours > capacityHours, pointer / "allocatedHours",
                           "\(allocatedHours) allocated hours do not exceed the capacity of \(capacityHours): no conflict")
        let total = allocations.reduce(0) { $0 + $1.hours }
        violations.require(abs(total - allocatedHours) < 0.001, pointer / "allocations",
                           "the allocations add up to \(total) hours, not the \(allocatedHours) allocated")
    }

    /// Hours beyond the capacity.
    public var overAllocationHours: Double { max(0, allocatedHours - capacityHours) }
}
