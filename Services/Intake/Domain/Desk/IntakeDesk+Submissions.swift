import Foundation
import PMOModel
import ServiceRuntime

extension IntakeDesk {
    /// A proposal revision: admission, completeness screening, the currency check (amounts no
    /// policy rate converts make it unassessable), cost reconciliation, then the preliminary
    /// assessment, which rejects on a hard limit or below the threshold, or opens the department
    /// review gate.
    func submit(_ proposal: ProposalSubmitted, origin: InputOrigin, _ intakeCase: inout IntakeCase,
                        policy: PolicyPublished, roster: RosterPublished, portfolio: PortfolioView, now: Date) -> Disposition {
        switch SubmissionRules.admit(proposal, dossier: intakeCase.dossier) {
        case .refuse(let reason):
            return .done([Decisions.refusal(of: origin, project: proposal.projectId, revision: proposal.revision,
                                            submittedBy: proposal.sponsor, reason: reason, policyVersion: policy.version, at: now)])
        case .hold(let reason):
            return .early(reason: reason)
        case .accept:
            break
        }
        switch CompletenessScreening.screen(proposal) {
        case .incomplete(let missing):
            intakeCase.dossier = ProposalDossier(proposal: proposal, phase: .returnedForRevision, since: now)
            let assessment = AssessmentCompleted(
                projectId: proposal.projectId, proposalRevision: proposal.revision, assessedAt: now,
                policyVersion: policy.version, complete: false, missingSections: missing,
                approvalThreshold: policy.intake.approvalThreshold, recommendation: .returnForRevision)
            let sections = missing.map(CompletenessScreening.title(of:)).joined(separator: ", ")
            let decision = IntakeDecisionMade(
                projectId: proposal.projectId, proposalRevision: proposal.revision, decidedAt: now,
                policyVersion: policy.version, outcome: .returnedForRevision,
                reasons: ["the proposal is incomplete: missing or empty sections: \(sections)"],
                findings: CompletenessScreening.findings(for: missing), projectManagerAppointmentRequired: false)
            return .done([assessment, decision])
        case .complete:
            let unconvertible = PolicyCurrency.unconvertible(in: proposal, policy: policy)
            if !unconvertible.isEmpty {
                return .done([Decisions.refusal(
                    of: origin, project: proposal.projectId, revision: proposal.revision, submittedBy: proposal.sponsor,
                    reason: "revision \(proposal.revision) of \(proposal.projectId) cannot be assessed: policy v\(policy.version) has no exchange rate to \(policy.currency) for its \(unconvertible.joined(separator: ", ")); add the rate to the policy or resubmit in \(policy.currency)",
                    policyVersion: policy.version, at: now)])
            }
            let assessment = PreliminaryAssessment(proposal, policy: policy, roster: roster, portfolio: portfolio)
            if let mismatch = CostReconciliation.mismatch(proposal, policy: policy) {
                intakeCase.dossier = ProposalDossier(proposal: proposal, phase: .returnedForRevision, since: now)
                var returned = assessment.event(for: proposal, policy: policy, at: now)
                returned.recommendation = .returnForRevision
                returned.requiredReviewDepartments = []
                returned.gateFindings = [mismatch]
                let decision = IntakeDecisionMade(
                    projectId: proposal.projectId, proposalRevision: proposal.revision, decidedAt: now,
                    policyVersion: policy.version, outcome: .returnedForRevision, reasons: [mismatch],
                    projectManagerAppointmentRequired: false)
                return .done([returned, decision])
            }
            let record = AssessmentRecord(policyVersion: policy.version, totalScore: assessment.totalScore,
                                          classification: assessment.classification, reviewsRequestedAt: now)
            let event = assessment.event(for: proposal, policy: policy, at: now)
            if assessment.recommendation == .reject {
                intakeCase.dossier = ProposalDossier(proposal: proposal, phase: .rejected, assessment: record, since: now)
                let decision = IntakeDecisionMade(
                    projectId: proposal.projectId, proposalRevision: proposal.revision, decidedAt: now,
                    policyVersion: policy.version, outcome: .rejected,
                    reasons: assessment.rejectionReasons(threshold: policy.intake.approvalThreshold),
                    projectManagerAppointmentRequired: false)
                return .done([event, decision])
            }
            intakeCase.dossier = ProposalDossier(
                proposal: proposal, phase: .underReview, assessment: record,
                gate: ReviewGate(revision: proposal.revision, requiredDepartments: assessment.requiredReviewDepartments),
                since: now)
            return .done([event])
        }
    }
}
