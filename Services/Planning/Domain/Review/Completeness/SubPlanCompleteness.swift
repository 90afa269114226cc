import PMOModel

/// Completeness (check `missing-sub-plan`): every sub-plan the policy's
/// `planning.requiredSubPlans` lists is in the plan.
///
/// The contract already requires each present sub-plan's content (a scope plan has a work
/// breakdown and acceptance criteria, a risk plan a non-empty register, and so on), so presence
/// is what is left to check. A procurement plan with no items is complete: it still carries the
/// make-or-buy rationale that says why everything is made in-house.
///
/// A sub-plan the policy does not require and the plan leaves out gives no finding; its
/// assessment still reads present = false, compliant = false, as the contract wants for every
/// absent sub-plan (see ``PlanReview``).
///
/// Worked example: with the policy requiring all eight sub-plans, a plan without cost and quality
/// plans gets "The cost management plan is missing." and "The quality management plan is
/// missing.", each on its sub-plan, in the order of ``PMOModel/SubPlanKind``.
public enum SubPlanCompleteness {
    /// One finding per required sub-plan the plan leaves out, in sub-plan order.
    public static func check(_ plan: PlanSubmitted, policy: PlanningPolicy) -> [RuleFinding] {
        let present = Set(plan.presentSubPlans)
        let required = Set(policy.requiredSubPlans)
        return SubPlanKind.allCases.filter { required.contains($0) && !present.contains($0) }.map { kind in
            RuleFinding(.missingSubPlan, on: kind, "The \(kind.rawValue) management plan is missing.")
        }
    }
}
