import Foundation

extension PlanBaseline {
    /// Cross-field rules of a baseline: identifiers unique, references to work packages and
    /// milestones present, the planned-value curve in date order and never decreasing, and the
    /// budget at completion equal to both the work packages' total and the curve's last point,
    /// all in one currency.
    func validateRules(at pointer: JSONPointer, into violations: inout ViolationCollector) {
        violations.unique(milestones.map(\.milestoneId), at: pointer / "milestones", "milestone id")
        violations.unique(workPackages.map(\.workPackageId), at: pointer / "workPackages", "work package id")
        let milestoneIds = Set(milestones.map(\.milestoneId))
        let workPackageIds = Set(workPackages.map(\.workPackageId))
        let currency = budgetAtCompletion.currency

        var total = Decimal(0)
        for (index, workPackage) in workPackages.enumerated() {
            let here = pointer / "workPackages" / index
            if let milestoneId = workPackage.milestoneId {
                violations.require(milestoneIds.contains(milestoneId), here / "milestoneId",
                                   "refers to milestone '\(milestoneId)', which the baseline does not list")
            }
            violations.require(workPackage.plannedValue.currency == currency, here / "plannedValue" / "currency",
                               "is \(workPackage.plannedValue.currency) but the budget at completion is in \(currency)")
            total += workPackage.plannedValue.amount
        }
        violations.require(total == budgetAtCompletion.amount, pointer / "budgetAtCompletion" / "amount",
                           "is \(budgetAtCompletion.amount) but the work packages' planned values add up to \(total)")

        var previous: PlannedValuePoint?
        for (index, point) in plannedValueCurve.enumerated() {
            let here = pointer / "plannedValueCurve" / index
            violations.require(point.cumulativePlannedValue.currency == currency, here / "cumulativePlannedValue" / "currency",
                               "is \(point.cumulativePlannedValue.currency) but the budget at completion is in \(currency)")
            if let previous {
                violations.require(previous.date < point.date, here / "date",
                                   "\(point.date) does not come after the previous point's \(previous.date)")
                violations.require(previous.cumulativePlannedValue.amount <= point.cumulativePlannedValue.amount,
                                   here / "cumulativePlannedValue" / "amount",
                                   "the cumulative planned value decreases from \(previous.cumulativePlannedValue.amount)")
            }
            previous = point
        }
        if let last = plannedValueCurve.last {
            violations.require(last.cumulativePlannedValue.amount == budgetAtCompletion.amount,
                               pointer / "plannedValueCurve" / (plannedValueCurve.count - 1) / "cumulativePlannedValue" / "amount",
                               "the curve ends at \(last.cumulativePlannedValue.amount), not at the budget at completion \(budgetAtCompletion.amount)")
        }
        for (index, assignment) in resourceAssignments.enumerated() {
            violations.require(workPackageIds.contains(assignment.workPackageId),
                               pointer / "resourceAssignments" / index / "workPackageId",
                               "refers to work package '\(assignment.workPackageId)', which the baseline does not list")
        }
    }

    /// The earliest planned start and latest planned finish of the work packages and milestones.
    public var plannedSpan: (start: CalendarDate, finish: CalendarDate)? {
        let starts = workPackages.map(\.plannedStart) + milestones.map(\.plannedDate)
        let finishes = workPackages.map(\.plannedFinish) + milestones.map(\.plannedDate)
        guard let start = starts.min(), let finish = finishes.max() else { return nil }
        return (start, finish)
    }
}
