import PMOModel
import Scheduling

/// The schedule network of the plan (checks `schedule-network`, `schedule-logic`, `critical-path`
/// and `network-finish`, all on the schedule plan): ``ScheduleNetwork`` run on the baseline's work
/// packages and their predecessor links, its findings turned into the review's and its schedule
/// into the contract's ``PMOModel/ScheduleAnalysis``.
///
/// It runs only when at least one work package has a predecessor link; a plan without links has
/// no network to check, so no findings and no schedule (even when the schedule plan declares a
/// critical path). A link without `lagDays` has no lag. The declared critical path is the schedule
/// plan's (not compared when there is no schedule plan or it declares none); the target finish is
/// the charter's.
///
///     ScheduleNetwork finding      check              consequence
///     duplicatePackage             schedule-network   no schedule
///     cycle                        schedule-network   no schedule
///     unknownPredecessor           schedule-network   the link is left out
///     startsBeforePredecessor      schedule-logic
///     criticalPathMismatch         critical-path      declaredCriticalPathMatches = false
///     targetFinishMissed           network-finish     meetsTargetFinish = false
///
/// Worked example (the one of `ScheduleNetworkTests`): WP-A 03-02…03-06, WP-B 03-07…03-16 after
/// WP-A, WP-C 03-09…03-12 two days after WP-A, WP-D 03-17…03-19 after WP-B and WP-C, WP-E
/// 03-13…03-14 after WP-C compute the critical path WP-A, WP-B, WP-D finishing on 2026-03-19; with
/// a target finish of 2026-03-17 the finding is "The network finishes on 2026-03-19 at the
/// earliest, 2 days after the charter's target finish of 2026-03-17 (critical path WP-A → WP-B →
/// WP-D)."
public enum ScheduleNetworkCheck {
    /// The findings in ``ScheduleNetwork``'s order, and the computed schedule (`nil` when no
    /// package has links, or when duplicates or cycles make it impossible to compute).
    public static func check(_ plan: PlanSubmitted, charter: ProjectChartered)
        -> (findings: [RuleFinding], schedule: ScheduleAnalysis?) {
        let packages = plan.baseline.workPackages
        guard packages.contains(where: { !$0.predecessors.isEmpty }) else { return ([], nil) }
        let activities = packages.map { package in
            ScheduleActivity(package, predecessors: package.predecessors.map {
                ScheduleLink($0.workPackageId, lagDays: $0.lagDays ?? 0)
            })
        }
        let declared = plan.subPlans.schedule?.criticalPath ?? []
        let review = ScheduleNetwork.review(activities, declaredCriticalPath: declared.isEmpty ? nil : declared,
                                            targetFinish: charter.targetFinish)
        let findings = review.findings.map(finding)
        guard let schedule = review.schedule else { return (findings, nil) }
        let mismatch = review.findings.contains { if case .criticalPathMismatch = $0 { true } else { false } }
        let analysis = ScheduleAnalysis(
            projectStart: schedule.projectStart, computedFinish: schedule.projectFinish,
            criticalPath: schedule.criticalPath,
            declaredCriticalPathMatches: declared.isEmpty ? nil : !mismatch,
            targetFinish: charter.targetFinish, meetsTargetFinish: schedule.projectFinish <= charter.targetFinish,
            packages: schedule.packages.map {
                WorkPackageSchedule(workPackageId: $0.packageId, earlyStart: $0.earlyStart, earlyFinish: $0.earlyFinish,
                                    lateStart: $0.lateStart, lateFinish: $0.lateFinish, totalFloatDays: $0.totalFloatDays)
            })
        return (findings, analysis)
    }

    /// The review's finding for one of ``ScheduleNetwork``'s.
    static func finding(_ finding: ScheduleNetworkFinding) -> RuleFinding {
        switch finding {
        case .duplicatePackage(let duplicate):
            RuleFinding(.scheduleNetwork, on: .schedule,
                        "Work package id \(duplicate.packageId) is used by \(duplicate.count) work packages; the schedule network is not computed.")
        case .cycle(let cycle):
            RuleFinding(.scheduleNetwork, on: .schedule, cycleText(cycle))
        case .unknownPredecessor(let unknown):
            RuleFinding(.scheduleNetwork, on: .schedule,
                        "\(unknown.packageId) names \(unknown.predecessorId) as a predecessor, which the baseline does not list; the link is left out of the network.")
        case .startsBeforePredecessor(let conflict):
            RuleFinding(.scheduleLogic, on: .schedule, conflictText(conflict))
        case .criticalPathMismatch(let mismatch):
            RuleFinding(.criticalPath, on: .schedule, mismatchText(mismatch))
        case .targetFinishMissed(let miss):
            RuleFinding(.networkFinish, on: .schedule,
                        "The network finishes on \(miss.computedFinish) at the earliest, \(miss.daysLate.counting("day")) after the charter's target finish of \(miss.targetFinish) (critical path \(miss.criticalPath.joined(separator: " → "))).")
        }
    }

    private static func cycleText(_ cycle: ScheduleCycle) -> String {
        let circle = (cycle.packageIds + cycle.packageIds.prefix(1)).joined(separator: " → ")
        let knot = Set(cycle.entangledPackageIds) == Set(cycle.packageIds) ? ""
            : ", entangling \(cycle.entangledPackageIds.listed)"
        return "The predecessor links form a circle, \(circle)\(knot); the critical path cannot be computed."
    }

    private static func conflictText(_ conflict: PredecessorConflict) -> String {
        let lag = switch conflict.lagDays {
        case 0: ""
        case 1...: " plus a lag of \(conflict.lagDays.counting("day"))"
        default: " less a lead of \((-conflict.lagDays).counting("day"))"
        }
        return "\(conflict.packageId) is planned to start on \(conflict.plannedStart), \(conflict.daysEarly.counting("day")) before its link to \(conflict.predecessorId) allows: \(conflict.predecessorId) finishes on \(conflict.predecessorFinish)\(lag), so \(conflict.packageId) can start on \(conflict.earliestAllowedStart) at the earliest."
    }

    private static func mismatchText(_ mismatch: CriticalPathMismatch) -> String {
        var parts: [String] = []
        let undeclared = mismatch.undeclaredCritical.map(\.packageId)
        if !undeclared.isEmpty {
            parts.append("\(undeclared.listed) \(undeclared.count == 1 ? "is" : "are") critical but not declared")
        }
        parts += mismatch.declaredButNotCritical.map { "\($0.packageId) has \($0.totalFloatDays.counting("day")) of float" }
        if !mismatch.declaredUnknown.isEmpty {
            parts.append("\(mismatch.declaredUnknown.listed) \(mismatch.declaredUnknown.count == 1 ? "is not a work package" : "are not work packages")")
        }
        return "The declared critical path \(mismatch.declared.joined(separator: " → ")) is not the computed one, \(mismatch.computed.joined(separator: " → ")): \(parts.joined(separator: "; "))."
    }
}
