import Foundation
import PMOModel
import ServiceRuntime

extension PlanningDesk {
    /// An expert review: counted by the expert review gate or refused; the gate's outcome becomes
    /// a rejection, a return for revision, or an approval with the baseline.
    func consider(_ review: ExpertReviewSubmitted, origin: InputOrigin, _ planningCase: inout PlanningCase,
                  policy: PolicyPublished, roster: RosterPublished, now: Date) -> Disposition {
        func refuse(_ reason: String) -> Disposition {
            .done([PlanDecisions.refusal(of: origin, project: review.projectId, revision: review.planRevision,
                                         submittedBy: review.expert, reason: reason, policyVersion: policy.version, at: now)])
        }
        guard let charter = planningCase.charter, let current = planningCase.phase.revision else {
            return .early(reason: "no plan has been submitted for \(review.projectId); there is nothing to review")
        }
        if review.planRevision > current {
            return .early(reason: "the expert review is for plan revision \(review.planRevision) but \(review.projectId) has only revision \(current)")
        }
        guard case .underExpertReview(var gate) = planningCase.phase else {
            return refuse(PlanDecisions.notUnderExpertReview(planningCase.phase, project: review.projectId,
                                                             revision: review.planRevision))
        }
        let action = gate.receive(review, roster: roster)
        let plan = gate.plan
        func decision(_ outcome: DecisionOutcome, _ deciding: [ExpertReviewSubmitted]) -> PlanDecisionMade {
            PlanDecisionMade(
                projectId: plan.projectId, planRevision: plan.revision, decidedAt: now, policyVersion: gate.policyVersion,
                outcome: outcome, reasons: deciding.map(PlanDecisions.verdictLine),
                findings: gate.advisoryFindings + deciding.flatMap(\.findings), expertReviews: deciding.map(PlanDecisions.reference))
        }
        switch action {
        case .refuse(let reason):
            return refuse(reason)
        case .wait:
            planningCase.phase = .underExpertReview(gate)
            return .done([])
        case .reject(let deciding):
            planningCase.phase = .rejected(revision: plan.revision)
            return .done([decision(.rejected, deciding)])
        case .returnForRevision(let deciding):
            planningCase.phase = .returnedForRevision(revision: plan.revision)
            return .done([decision(.returnedForRevision, deciding)])
        case .approve(let deciding):
            let reasons = ["the planning review found no blocking findings; expert review required: \(gate.reason)"]
                + deciding.map(PlanDecisions.verdictLine)
            return .done(approve(plan, charter: charter, &planningCase, policyVersion: gate.policyVersion, reasons: reasons,
                                 findings: gate.advisoryFindings + deciding.flatMap(\.findings), experts: deciding, now: now))
        }
    }
}
