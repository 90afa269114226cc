import PMOModel
import Scheduling

/// The planning review of one plan revision against its charter, the policy and the roster.
///
/// It runs every rule, in the order of ``PMOModel/PlanCheck`` (which is also the order of the
/// findings in the result), and gives each finding its severity from ``FindingSeverities``:
///
/// 1. completeness: ``SubPlanCompleteness``;
/// 2. consistency inside the plan: ``ScopeCoverage``, ``PlannedValueAlignment``,
///    ``MilestoneDates``, ``CostReserves``, ``ProcurementCost``, ``ReportingCadence``,
///    ``RiskRegister``, ``ResourceRoster``, ``ResourceCapacity``, then ``ScheduleNetworkCheck``
///    (only when some work package has predecessor links);
/// 3. compliance with the charter: ``BudgetCeiling``, ``TargetDates``, ``DeliverableCoverage``,
///    ``Submitter``;
///
/// then assesses each sub-plan and decides on the expert review (``ExpertReviewRequirement``).
/// A rule that needs a sub-plan the plan leaves out is skipped; the absence is the completeness
/// finding (when the policy requires the sub-plan). All rules run whatever the others found, so
/// the project manager can fix the plan in one round.
///
/// Each sub-plan's assessment: `present` when the plan includes it; `compliant` when present and
/// none of its findings is blocking; `findings` the texts of all its findings, advisory ones too.
/// The charter checks' findings concern the plan as a whole (no sub-plan): their texts go to
/// ``PMOModel/CharterCompliance/findings``, and each check sets its flag (`withinBudgetCeiling`,
/// `withinTargetDates`, `deliverablesCovered`; the submitter check has no flag of its own).
public enum PlanReview {
    /// Reviews `plan` against `charter`, `policy` and `roster`.
    public static func review(_ plan: PlanSubmitted, charter: ProjectChartered,
                              policy: PolicyPublished, roster: RosterPublished) -> PlanReviewResult {
        let baseline = plan.baseline
        let network = ScheduleNetworkCheck.check(plan, charter: charter)
        let budget = BudgetCeiling.check(plan, charter: charter, policy: policy.planning)
        let dates = TargetDates.check(baseline, charter: charter)
        let deliverables = DeliverableCoverage.check(plan, charter: charter)
        let submitter = Submitter.check(plan, charter: charter)
        let charterFindings = budget + dates + deliverables + submitter
        let found: [RuleFinding] = SubPlanCompleteness.check(plan, policy: policy.planning)
            + ScopeCoverage.check(plan)
            + PlannedValueAlignment.check(baseline)
            + MilestoneDates.check(plan)
            + CostReserves.check(plan)
            + ProcurementCost.check(plan)
            + ReportingCadence.check(plan, policy: policy)
            + RiskRegister.check(plan, roster: roster)
            + ResourceRoster.check(baseline, roster: roster)
            + ResourceCapacity.check(baseline, roster: roster)
            + network.findings
            + charterFindings

        let severities = FindingSeverities(policy.planning)
        let findings = found.map(severities.finding)
        let present = Set(plan.presentSubPlans)
        let subPlans = SubPlanKind.allCases.map { kind in
            let own = findings.filter { $0.subPlan == kind }
            return SubPlanAssessment(subPlan: kind, present: present.contains(kind),
                                     compliant: present.contains(kind) && !own.contains { $0.severity.isBlocking },
                                     findings: own.map(\.finding))
        }
        let compliance = CharterCompliance(withinBudgetCeiling: budget.isEmpty, withinTargetDates: dates.isEmpty,
                                           deliverablesCovered: deliverables.isEmpty, findings: charterFindings.map(\.text))
        return PlanReviewResult(subPlans: subPlans, charterCompliance: compliance, findings: findings,
                                schedule: network.schedule,
                                expertReview: ExpertReviewRequirement.assess(plan, charter: charter, policy: policy))
    }
}
