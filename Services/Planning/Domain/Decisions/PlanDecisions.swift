import Foundation
import PMOModel
import ServiceRuntime

/// Building blocks of plan decisions: refusals and the lines that explain findings and verdicts.
public enum PlanDecisions {
    /// A refusal of the input `origin`, as a decision event with the reason.
    public static func refusal(of origin: InputOrigin, project: String, revision: Int, submittedBy: String?,
                               reason: String, policyVersion: Int, at now: Date) -> PlanDecisionMade {
        PlanDecisionMade(
            projectId: project, planRevision: revision, decidedAt: now, policyVersion: policyVersion,
            outcome: .refused, reasons: [reason],
            refusal: Refusal(refusedEventType: origin.type, refusedEventId: origin.id, refusedEventSource: origin.source,
                             submittedBy: submittedBy, reason: reason))
    }

    /// Why an expert review is refused when no revision is under expert review.
    public static func notUnderExpertReview(_ phase: PlanPhase, project: String, revision: Int) -> String {
        switch phase {
        case .awaitingPlan:
            "no plan has been submitted for \(project); there is nothing to review"
        case .returnedForRevision(let current):
            "plan revision \(current) of \(project) was returned for revision and is not under expert review"
        case .rejected(let current):
            "plan revision \(current) of \(project) was rejected; it takes no more expert reviews"
        case .baselined(let current):
            "\(project) was baselined from plan revision \(current); it takes no more expert reviews"
        case .underExpertReview(let gate):
            "revision \(revision) of \(project) is not under expert review; revision \(gate.revision) is"
        }
    }

    /// The reasons of a return for revision: how many blocking findings, and each one.
    public static func blockingReasons(_ blocking: [PlanFinding]) -> [String] {
        ["the planning review found \(blocking.count) blocking finding\(blocking.count == 1 ? "" : "s") to fix"]
            + blocking.map { finding in
                (finding.subPlan.map { "\($0.rawValue) plan: " } ?? "") + finding.finding
            }
    }

    /// `lena.fischer (expert) rejected: <first finding>`.
    public static func verdictLine(_ review: ExpertReviewSubmitted) -> String {
        let verb = review.verdict.pastTense
        return "expert \(review.expert) \(verb) revision \(review.planRevision)"
            + (review.findings.first.map { ": \($0.finding)" } ?? "")
    }

    /// The reference to an expert review that counted.
    public static func reference(_ review: ExpertReviewSubmitted) -> ExpertReviewReference {
        ExpertReviewReference(expert: review.expert, verdict: review.verdict)
    }
}
