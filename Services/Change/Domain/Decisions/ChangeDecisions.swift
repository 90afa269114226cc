import Foundation
import PMOModel
import ServiceRuntime

/// Building blocks of change decisions: refusals, decisions of change control itself, and the
/// lines that explain votes.
public enum ChangeDecisions {
    /// A refusal of the input `origin`, as a decision event with the reason; it changes nothing else.
    public static func refusal(of origin: InputOrigin, project: String, changeRequestId: String, revision: Int,
                               submittedBy: String?, reason: String, policyVersion: Int, at now: Date) -> ChangeDecisionMade {
        ChangeDecisionMade(
            projectId: project, changeRequestId: changeRequestId, changeRequestRevision: revision, decidedAt: now,
            policyVersion: policyVersion, decidedBy: .system, outcome: .refused, reasons: [reason],
            refusal: Refusal(refusedEventType: origin.type, refusedEventId: origin.id, refusedEventSource: origin.source,
                             submittedBy: submittedBy, reason: reason))
    }

    /// A decision change control takes itself (an incomplete request returned, a request returned
    /// because the baseline moved, an expiry).
    public static func system(_ request: ChangeRequestSubmitted, outcome: DecisionOutcome, reasons: [String], policyVersion: Int,
                              at now: Date, finalDeadline: Date? = nil, deadlineAction: FinalDeadlineAction? = nil) -> ChangeDecisionMade {
        ChangeDecisionMade(
            projectId: request.projectId, changeRequestId: request.changeRequestId, changeRequestRevision: request.revision,
            decidedAt: now, policyVersion: policyVersion, decidedBy: .system, outcome: outcome, reasons: reasons,
            finalDeadline: finalDeadline, deadlineAction: deadlineAction)
    }

    /// The outcome a single deciding vote (the PM's or the sponsor's) gives.
    public static func outcome(of verdict: Verdict) -> DecisionOutcome {
        switch verdict {
        case .approve: .approved
        case .reject: .rejected
        case .revise: .returnedForRevision
        }
    }

    /// `claire.martin voted approve: <comments>`.
    public static func voteLine(_ vote: VoteCast) -> String {
        "\(vote.voter) voted \(vote.vote.rawValue)" + (vote.comments.map { ": \($0)" } ?? "")
    }

    /// The count of a CCB vote: "3 of 4 votes cast approve (1 revise, 0 reject); 5 members may
    /// vote; quorum 3 met; a simple majority needed".
    public static func tally(_ vote: BoardVote, eligible: Int) -> String {
        let approvals = vote.votes.count { $0.vote == .approve }
        let revisions = vote.votes.count { $0.vote == .revise }
        let rejections = vote.votes.count { $0.vote == .reject }
        let quorum = vote.votes.count >= vote.quorum ? "met" : "not met"
        return "\(approvals) of \(vote.votes.count) vote\(vote.votes.count == 1 ? "" : "s") cast approve (\(revisions) revise, \(rejections) reject); \(eligible) member\(eligible == 1 ? "" : "s") may vote; quorum \(vote.quorum) \(quorum); \(vote.majority.phrase) needed"
    }
}
