import PMOModel

/// What one rule of the plan review found, before the policy gives it a severity: the check
/// that found it, the sub-plan concerned and the text a project manager reads.
///
/// Every rule returns these; ``FindingSeverities`` turns them into the contract's ``PlanFinding``.
public struct RuleFinding: Sendable, Hashable {
    /// The check that found it.
    public var check: PlanCheck
    /// The sub-plan concerned; `nil` for the plan as a whole (the charter checks).
    public var subPlan: SubPlanKind?
    /// What is wrong or missing, with the figures, as one or more sentences.
    public var text: String

    /// Creates a finding of `check` on `subPlan`.
    public init(_ check: PlanCheck, on subPlan: SubPlanKind?, _ text: String) {
        self.check = check
        self.subPlan = subPlan
        self.text = text
    }
}
