import PMOModel

/// Mandatory and regulatory proposals (flagged with `mandate`): the organisation must do them,
/// so a score below the threshold does not reject one; it goes to review with the score stated,
/// and the policy's mandate review department (`intake.mandateReviewDepartment`, legal when
/// absent) must review it, which checks the basis. Hard limits still stop it: a mandate does not
/// lift the budget or duration the PMO can carry.
public enum MandateRule {
    /// The department that checks a mandate's basis.
    public static func reviewDepartment(policy: PolicyPublished) -> String {
        policy.intake.mandateReviewDepartment ?? "legal"
    }

    /// Why a score of `totalScore` below the threshold does not reject `proposal`, or `nil` when it
    /// is not flagged (or its score reaches the threshold anyway).
    public static func override(_ proposal: ProposalSubmitted, totalScore: Double, policy: PolicyPublished) -> String? {
        guard let mandate = proposal.mandate, totalScore < policy.intake.approvalThreshold else { return nil }
        return "the proposal is flagged \(mandate.kind.rawValue) (\(mandate.basis)): its score of \(totalScore.oneDecimal), below the threshold of \(policy.intake.approvalThreshold.oneDecimal), does not reject it; the \(reviewDepartment(policy: policy)) review checks the basis"
    }

    /// `departments` with the mandate review department added for a flagged proposal.
    public static func reviews(_ departments: [String], for proposal: ProposalSubmitted, policy: PolicyPublished) -> [String] {
        let department = reviewDepartment(policy: policy)
        guard proposal.mandate != nil, !departments.contains(department) else { return departments }
        return departments + [department]
    }
}
