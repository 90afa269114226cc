import Foundation
import PMOModel
import ServiceRuntime

extension PlanningDesk {
    /// A plan revision: admitted against the charter and the phase, then reviewed; the review
    /// returns it, opens the expert review, or approves it and sets the baseline.
    func submit(_ plan: PlanSubmitted, origin: InputOrigin, _ planningCase: inout PlanningCase,
                policy: PolicyPublished, roster: RosterPublished, now: Date) -> Disposition {
        func refuse(_ reason: String) -> Disposition {
            .done([PlanDecisions.refusal(of: origin, project: plan.projectId, revision: plan.revision,
                                         submittedBy: plan.submittedBy, reason: reason, policyVersion: policy.version, at: now)])
        }
        guard let charter = planningCase.charter else {
            return .early(reason: "\(plan.projectId) has not been chartered; a plan is reviewed against its project's charter")
        }
        switch planningCase.phase {
        case .baselined(let revision):
            return refuse("\(plan.projectId) was baselined from plan revision \(revision); its baseline changes through change control, not a new plan")
        case .rejected(let revision):
            return refuse("plan revision \(revision) of \(plan.projectId) was rejected by expert review; the project takes no more plans")
        case .awaitingPlan, .returnedForRevision, .underExpertReview:
            break
        }
        if let current = planningCase.phase.revision, plan.revision <= current {
            return refuse("plan revision \(plan.revision) of \(plan.projectId) is stale: revision \(current) was already submitted")
        }
        return .done(review(plan, charter: charter, &planningCase, policy: policy, roster: roster, now: now))
    }

    /// Reviews `plan` and moves the case on; a revision under expert review is superseded.
    private func review(_ plan: PlanSubmitted, charter: ProjectChartered, _ planningCase: inout PlanningCase,
                        policy: PolicyPublished, roster: RosterPublished, now: Date) -> [any PMOEvent] {
        let result = PlanReview.review(plan, charter: charter, policy: policy, roster: roster)
        let requirement = result.expertReview
        let review = PlanReviewCompleted(
            projectId: plan.projectId, planRevision: plan.revision, reviewedAt: now, policyVersion: policy.version,
            subPlans: result.subPlans, charterCompliance: result.charterCompliance,
            expertReviewRequired: requirement.required, expertReviewReason: requirement.reason,
            findings: result.findings, schedule: result.schedule)
        let blocking = result.blockingFindings
        if !blocking.isEmpty {
            planningCase.phase = .returnedForRevision(revision: plan.revision)
            return [review, PlanDecisionMade(
                projectId: plan.projectId, planRevision: plan.revision, decidedAt: now, policyVersion: policy.version,
                outcome: .returnedForRevision, reasons: PlanDecisions.blockingReasons(blocking),
                findings: result.findings)]
        }
        if requirement.required {
            planningCase.phase = .underExpertReview(ExpertReviewGate(
                plan: plan, policyVersion: policy.version, verdictsRequired: requirement.verdictsRequired,
                reason: requirement.reason, advisoryFindings: result.findings, requestedAt: now))
            return [review]
        }
        let reasons = ["the planning review found no blocking findings and no expert review is required: \(requirement.reason)"]
        return [review] + approve(plan, charter: charter, &planningCase, policyVersion: policy.version, reasons: reasons,
                                  findings: result.findings, experts: [], now: now)
    }

    /// Approves `plan`: the decision and the project's first baseline.
    func approve(_ plan: PlanSubmitted, charter: ProjectChartered, _ planningCase: inout PlanningCase, policyVersion: Int,
                 reasons: [String], findings: [PlanFinding], experts: [ExpertReviewSubmitted], now: Date) -> [any PMOEvent] {
        planningCase.phase = .baselined(revision: plan.revision)
        return [
            PlanDecisionMade(
                projectId: plan.projectId, planRevision: plan.revision, decidedAt: now, policyVersion: policyVersion,
                outcome: .approved, reasons: reasons + ["baselined at revision 1 with \(charter.projectManager) as project manager"],
                findings: findings, expertReviews: experts.map(PlanDecisions.reference)),
            ProjectBaselined(
                projectId: plan.projectId, baselineRevision: 1, planRevision: plan.revision, baselinedAt: now,
                policyVersion: policyVersion, projectManager: charter.projectManager, baseline: plan.baseline,
                statusReportCadenceDays: plan.subPlans.communication?.statusReportCadenceDays),
        ]
    }
}
