import PMOModel

/// Key milestone dates (check `milestone-dates`, on the schedule plan): every key milestone of the
/// schedule plan is in the baseline and dated where its work can reach it.
///
/// A milestone is reached when the work packages that feed it (those whose `milestoneId` is the
/// milestone) have finished. So, for each key milestone:
/// - it is listed in the baseline (the contract ensures this; checked again cheaply);
/// - at least one work package feeds it (otherwise nothing in the plan reaches it);
/// - it is dated on or after the latest finish of its feeding packages;
/// - it is dated on or before the last finish of all the baseline's work packages (a milestone
///   after all work has finished marks nothing the plan does).
///
/// Milestones the schedule plan does not name as key milestones are not checked. Skipped when
/// there is no schedule plan (its absence is a completeness finding).
///
/// Worked example: MS-1 dated 2026-06-15, fed by WP-1 (finishing 2026-06-30) and WP-2 (finishing
/// 2026-05-29), gives "Key milestone MS-1 (Target architecture approved) is dated 2026-06-15,
/// before its work packages finish: WP-1 on 2026-06-30."
public enum MilestoneDates {
    /// One finding per key milestone out of place, in the schedule plan's order.
    public static func check(_ plan: PlanSubmitted) -> [RuleFinding] {
        guard let schedule = plan.subPlans.schedule else { return [] }
        let baseline = plan.baseline
        guard let lastFinish = baseline.workPackages.map(\.plannedFinish).max() else { return [] }
        var findings: [RuleFinding] = []
        for id in schedule.keyMilestones {
            guard let milestone = baseline.milestones.first(where: { $0.milestoneId == id }) else {
                findings.append(RuleFinding(.milestoneDates, on: .schedule,
                                            "Key milestone \(id) is not in the baseline's milestones."))
                continue
            }
            let label = "Key milestone \(id) (\(milestone.name))"
            let feeding = baseline.workPackages.filter { $0.milestoneId == id }
            guard let latest = feeding.map(\.plannedFinish).max() else {
                findings.append(RuleFinding(.milestoneDates, on: .schedule,
                                            "\(label) has no work package leading to it."))
                continue
            }
            let date = milestone.plannedDate
            if date < latest {
                let late = feeding.filter { $0.plannedFinish > date }.map { "\($0.workPackageId) on \($0.plannedFinish)" }
                findings.append(RuleFinding(.milestoneDates, on: .schedule,
                                            "\(label) is dated \(date), before its work packages finish: \(late.listed)."))
            } else if date > lastFinish {
                findings.append(RuleFinding(.milestoneDates, on: .schedule,
                                            "\(label) is dated \(date), after the last work package finishes on \(lastFinish)."))
            }
        }
        return findings
    }
}
