import Foundation
import PMOModel
import ServiceRuntime

extension IntakeDesk {
    /// A department review: counted by the review gate or refused; the gate's outcome becomes a
    /// rejection, a return for revision, or an approval with its charter.
    func consider(_ review: ReviewSubmitted, origin: InputOrigin, _ intakeCase: inout IntakeCase,
                          policy: PolicyPublished, roster: RosterPublished, now: Date) -> Disposition {
        func refuse(_ reason: String) -> Disposition {
            .done([Decisions.refusal(of: origin, project: review.projectId, revision: review.proposalRevision,
                                     submittedBy: review.reviewer, reason: reason, policyVersion: policy.version, at: now)])
        }
        guard var dossier = intakeCase.dossier else {
            return .early(reason: "no proposal has been submitted for \(review.projectId); there is nothing to review")
        }
        if review.proposalRevision > dossier.revision {
            return .early(reason: "the review is for revision \(review.proposalRevision) but \(review.projectId) has only revision \(dossier.revision)")
        }
        guard dossier.phase == .underReview, var gate = dossier.gate, let assessment = dossier.assessment else {
            return refuse(Decisions.notUnderReview(dossier))
        }
        let action = gate.receive(review, of: dossier.proposal, roster: roster)
        dossier.gate = gate
        let proposal = dossier.proposal
        let version = assessment.policyVersion
        var events: [any PMOEvent] = []
        switch action {
        case .refuse(let reason):
            return refuse(reason)
        case .wait:
            break
        case .reject(let deciding):
            dossier.phase = .rejected
            dossier.since = now
            events.append(IntakeDecisionMade(
                projectId: proposal.projectId, proposalRevision: proposal.revision, decidedAt: now, policyVersion: version,
                outcome: .rejected, reasons: deciding.map(Decisions.verdictLine),
                decidingReviews: deciding.map(Decisions.reference), findings: deciding.flatMap(\.findings),
                projectManagerAppointmentRequired: false))
        case .returnForRevision(let deciding, let findings):
            dossier.phase = .returnedForRevision
            dossier.since = now
            events.append(IntakeDecisionMade(
                projectId: proposal.projectId, proposalRevision: proposal.revision, decidedAt: now, policyVersion: version,
                outcome: .returnedForRevision, reasons: deciding.map(Decisions.verdictLine),
                decidingReviews: deciding.map(Decisions.reference), findings: findings,
                projectManagerAppointmentRequired: false))
        case .approve(let deciding):
            let approval = "all \(deciding.count) required departments approved revision \(proposal.revision): "
                + deciding.map { "\($0.department) (\($0.reviewer))" }.joined(separator: ", ")
            dossier.since = now
            switch Chartering.charter(proposal, assessment: assessment, policy: policy, roster: roster,
                                      appointed: dossier.appointedProjectManager, at: now) {
            case .charter(let charter):
                dossier.phase = .chartered
                events.append(IntakeDecisionMade(
                    projectId: proposal.projectId, proposalRevision: proposal.revision, decidedAt: now, policyVersion: version,
                    outcome: .approved, reasons: [approval, "chartered with \(charter.projectManager) as project manager, priority \(charter.priority.rawValue)"],
                    decidingReviews: deciding.map(Decisions.reference), findings: gate.mergedFindings,
                    projectManagerAppointmentRequired: false))
                events.append(charter)
            case .appointmentRequired(let reason), .incomplete(let reason):
                dossier.phase = .awaitingProjectManager
                events.append(IntakeDecisionMade(
                    projectId: proposal.projectId, proposalRevision: proposal.revision, decidedAt: now, policyVersion: version,
                    outcome: .approved, reasons: [approval, reason],
                    decidingReviews: deciding.map(Decisions.reference), findings: gate.mergedFindings,
                    projectManagerAppointmentRequired: true))
            }
        }
        intakeCase.dossier = dossier
        return .done(events)
    }
}
