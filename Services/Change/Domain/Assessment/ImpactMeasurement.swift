import Foundation
import PMOModel
import Scheduling

/// The impact of a change measured against the baseline in force, not taken from the requester:
/// the finish and BAC before and after, the schedule days and the BAC change in percent (rounded
/// half away from zero), whether scope changes (scope items named, or work packages added), the
/// packages that change, and, when the baseline has predecessor links, the critical path before
/// and after (the critical path method of ``ScheduleNetwork``).
public enum ImpactMeasurement {
    /// The measured impact of `request`, whose changes give `proposed`, on `current`.
    public static func measure(_ request: ChangeRequestSubmitted, proposed: ProposedBaseline,
                               current: PlanBaseline) -> ImpactSummary {
        let currentFinish = current.plannedFinish
        let newFinish = proposed.baseline.plannedFinish
        let before = current.budgetAtCompletion
        let after = proposed.baseline.budgetAtCompletion
        let scopeChanged = !request.impact.scopeItemsAdded.isEmpty || !request.impact.scopeItemsRemoved.isEmpty
            || !proposed.addedWorkPackages.isEmpty
        return ImpactSummary(
            currentFinish: currentFinish, newFinish: newFinish, scheduleDays: currentFinish.days(until: newFinish),
            currentBudgetAtCompletion: before, newBudgetAtCompletion: after,
            costChangePercent: percent(after.amount - before.amount, of: before.amount), scopeChanged: scopeChanged,
            currentCriticalPath: criticalPath(current), newCriticalPath: criticalPath(proposed.baseline),
            workPackagesChanged: proposed.changedWorkPackages)
    }

    /// The critical path of `baseline`'s network; empty when it has no predecessor links (or
    /// links the critical path method cannot compute).
    public static func criticalPath(_ baseline: PlanBaseline) -> [String] {
        guard baseline.workPackages.contains(where: { !$0.predecessors.isEmpty }) else { return [] }
        let activities = baseline.workPackages.map { package in
            ScheduleActivity(package, predecessors: package.predecessors.map { ScheduleLink($0.workPackageId, lagDays: $0.lagDays ?? 0) })
        }
        return ScheduleNetwork.review(activities).schedule?.criticalPath ?? []
    }

    /// `part` in percent of `whole`, rounded half away from zero (0 of a zero whole).
    public static func percent(_ part: Decimal, of whole: Decimal) -> Int {
        guard whole != 0 else { return 0 }
        var ratio = part * 100 / whole
        var rounded = Decimal()
        NSDecimalRound(&rounded, &ratio, 0, .plain)
        return NSDecimalNumber(decimal: rounded).intValue
    }
}
