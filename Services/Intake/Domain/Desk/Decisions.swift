import Foundation
import PMOModel
import ServiceRuntime

/// Building blocks of intake decisions: refusals and the lines that explain verdicts.
public enum Decisions {
    /// A refusal of the input `origin`, as a decision event with the reason.
    public static func refusal(of origin: InputOrigin, project: String, revision: Int, submittedBy: String?,
                               reason: String, policyVersion: Int, at now: Date) -> IntakeDecisionMade {
        IntakeDecisionMade(
            projectId: project, proposalRevision: revision, decidedAt: now, policyVersion: policyVersion,
            outcome: .refused, reasons: [reason], projectManagerAppointmentRequired: false,
            refusal: Refusal(refusedEventType: origin.type, refusedEventId: origin.id, refusedEventSource: origin.source,
                             submittedBy: submittedBy, reason: reason))
    }

    /// Why a review is refused when the proposal is not under review.
    public static func notUnderReview(_ dossier: ProposalDossier) -> String {
        let project = dossier.proposal.projectId
        let revision = dossier.revision
        switch dossier.phase {
        case .returnedForRevision:
            return "revision \(revision) of \(project) was returned for revision and is not under review; reviews wait for the next revision"
        case .rejected:
            return "\(project) was rejected (revision \(revision)); it takes no more reviews"
        case .awaitingProjectManager, .chartered:
            return "\(project) was already approved (revision \(revision)); it takes no more reviews"
        case .underReview:
            return "revision \(revision) of \(project) has no review gate"
        case .withdrawn:
            return "\(project) was withdrawn by its sponsor (revision \(revision)); it takes no more reviews"
        case .deferred:
            return "\(project) is deferred until \(dossier.deferral.map { "\($0.until)" } ?? "a later date") at its sponsor's request; reviews resume then"
        case .appealed:
            return "\(project) was rejected and its appeal awaits the PMO head's ruling; it takes no reviews"
        }
    }

    /// `finance (omar.haddad) rejected: <comments or first finding>`.
    public static func verdictLine(_ review: ReviewSubmitted) -> String {
        let verb = review.verdict.pastTense
        let why = review.comments ?? review.findings.first?.finding
        return "\(review.department) (\(review.reviewer)) \(verb)" + (why.map { ": \($0)" } ?? "")
    }

    /// The reference to a review that decided.
    public static func reference(_ review: ReviewSubmitted) -> ReviewReference {
        ReviewReference(reviewer: review.reviewer, department: review.department, verdict: review.verdict)
    }
}
