import Foundation
import PMOModel

/// The preliminary assessment of a complete proposal: a score and a reason for each criterion
/// the policy weighs, the weighted total, the recommendation against the threshold, the class
/// and the department reviews that class requires.
public struct PreliminaryAssessment: Equatable, Sendable {
    /// One score per criterion of the policy, in the policy's order.
    public var scores: [CriterionScore]
    /// The weighted total, 0 to 100, to one decimal.
    public var totalScore: Double
    /// Proceed to review, or reject (below the threshold).
    public var recommendation: IntakeRecommendation
    /// Standard, complex or major.
    public var classification: ProjectClassification
    /// Why the class was chosen.
    public var classificationReason: String
    /// The departments whose review is required.
    public var requiredReviewDepartments: [String]
    /// The hard limits the proposal breaks (``HardLimitGate``); any one rejects it whatever its score.
    public var hardLimitBreaches: [String]
    /// Why a score below the threshold does not reject a mandatory or regulatory proposal (``MandateRule``).
    public var mandateOverride: String?
    /// Each role's capacity over the proposal's dates, after the allocations already requested.
    public var freeCapacity: [RoleCapacity]
    /// The policy's annual budget envelope minus the portfolio's budgets, when both are known.
    public var portfolioBudgetLeft: Money?

    /// Assesses a complete `proposal` under `policy` and `roster`, with what `portfolio` holds.
    public init(_ proposal: ProposalSubmitted, policy: PolicyPublished, roster: RosterPublished,
                portfolio: PortfolioView = PortfolioView()) {
        scores = policy.intake.criteria.map { weighted in
            let result = Self.result(for: weighted.criterion, proposal, policy: policy, roster: roster, portfolio: portfolio)
            return CriterionScore(criterion: weighted.criterion, weight: weighted.weight, score: result.score, reason: result.reason)
        }
        let total = scores.reduce(0) { $0 + $1.weight * $1.score }
        totalScore = (min(100, max(0, total)) * 10).rounded() / 10
        hardLimitBreaches = HardLimitGate.breaches(proposal, policy: policy)
        freeCapacity = ResourceDemand.capacities(proposal, roster: roster, portfolio: portfolio)
        portfolioBudgetLeft = portfolio.budgetLeft(policy: policy)
        mandateOverride = MandateRule.override(proposal, totalScore: totalScore, policy: policy)
        let belowThreshold = totalScore < policy.intake.approvalThreshold && mandateOverride == nil
        recommendation = belowThreshold || !hardLimitBreaches.isEmpty ? .reject : .proceed
        (classification, classificationReason) = ClassificationRule.classify(proposal, policy: policy)
        requiredReviewDepartments = MandateRule.reviews(
            ClassificationRule.requiredReviewDepartments(for: classification, policy: policy), for: proposal, policy: policy)
    }

    /// The score of one criterion.
    public static func result(for criterion: IntakeCriterion, _ proposal: ProposalSubmitted,
                              policy: PolicyPublished, roster: RosterPublished,
                              portfolio: PortfolioView = PortfolioView()) -> CriterionResult {
        switch criterion {
        case .strategicFit: StrategicFit.score(proposal, policy: policy)
        case .businessValue: BusinessValue.score(proposal, policy: policy)
        case .feasibility: Feasibility.score(proposal, policy: policy)
        case .risk: RiskExposure.score(proposal, policy: policy)
        case .resourceDemand: ResourceDemand.score(proposal, roster: roster, portfolio: portfolio)
        }
    }

    /// The reasons for a rejection: the hard limits broken, or the total against the threshold,
    /// then each criterion's line.
    public func rejectionReasons(threshold: Double) -> [String] {
        let verdict = hardLimitBreaches.isEmpty
            ? ["total score \(totalScore.oneDecimal) is below the approval threshold of \(threshold.oneDecimal)"]
            : hardLimitBreaches.map { "hard limit: \($0)" }
                + ["total score \(totalScore.oneDecimal) (threshold \(threshold.oneDecimal)) does not matter: a hard limit stops the proposal"]
        return verdict + scores.map { "\($0.criterion.rawValue) \($0.score.oneDecimal)/100: \($0.reason)" }
    }

    /// The assessment event for `proposal`.
    public func event(for proposal: ProposalSubmitted, policy: PolicyPublished, at now: Date) -> AssessmentCompleted {
        AssessmentCompleted(
            projectId: proposal.projectId, proposalRevision: proposal.revision, assessedAt: now,
            policyVersion: policy.version, complete: true, scores: scores, totalScore: totalScore,
            approvalThreshold: policy.intake.approvalThreshold, recommendation: recommendation,
            classification: classification,
            requiredReviewDepartments: recommendation == .proceed ? requiredReviewDepartments : [],
            portfolioBudgetLeft: portfolioBudgetLeft, freeCapacity: freeCapacity,
            mandateOverride: recommendation == .proceed ? mandateOverride : nil, gateFindings: hardLimitBreaches)
    }
}
