import PMOModel

/// What the planning review of one plan revision found: the parts of the contract's
/// `PlanReviewCompleted` the rules decide, and the expert-review requirement.
public struct PlanReviewResult: Sendable, Equatable {
    /// One assessment per sub-plan, all eight, in ``PMOModel/SubPlanKind`` order.
    public var subPlans: [SubPlanAssessment]
    /// How the plan compares with the charter.
    public var charterCompliance: CharterCompliance
    /// Every finding, each with its check and its severity from ``FindingSeverities``, in review
    /// order (see ``PlanReview``).
    public var findings: [PlanFinding]
    /// The critical-path schedule computed from the predecessor links; `nil` when no work package
    /// has links, or when they cannot be scheduled (a cycle, a repeated identifier).
    public var schedule: ScheduleAnalysis?
    /// Whether an expert review is required, why, and how many verdicts.
    public var expertReview: ExpertReviewRequirement

    /// Creates a result from its parts.
    public init(subPlans: [SubPlanAssessment], charterCompliance: CharterCompliance, findings: [PlanFinding],
                schedule: ScheduleAnalysis?, expertReview: ExpertReviewRequirement) {
        self.subPlans = subPlans
        self.charterCompliance = charterCompliance
        self.findings = findings
        self.schedule = schedule
        self.expertReview = expertReview
    }

    /// The findings that block approval (major and critical), in review order.
    public var blockingFindings: [PlanFinding] {
        findings.filter(\.severity.isBlocking)
    }
}
