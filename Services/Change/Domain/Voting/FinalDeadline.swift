import Foundation
import PMOModel

/// The CCB's final deadline (the policy's `finalDeadlineDays` after the assessment): a request the
/// board has not decided by then is settled by the policy's `pastFinalDeadline` (expire when
/// absent), and the decision says so.
///
/// - **expire**: change control closes the request unapproved (`decidedBy: system`, outcome
///   `rejected`, `deadlineAction: expire`), naming the votes cast so far.
/// - **escalate**: the request goes to the project's sponsor: a second assessment with the route
///   `sponsor` opens the sponsor's vote; the sponsor's vote then decides with
///   `deadlineAction: escalate`. With no charter, hence no sponsor known, the request expires.
public enum FinalDeadline {
    /// Settles `changeRequestId` in `changeCase` if its board vote is past the final deadline at `now`.
    public static func apply(to changeRequestId: String, in changeCase: inout ChangeCase, policy: PolicyPublished,
                             roster: RosterPublished, now: Date) -> [any PMOEvent] {
        guard var request = changeCase.requests[changeRequestId], case .awaitingBoard(let board) = request.phase,
              let deadline = board.finalDeadline, now >= deadline else { return [] }
        let tally = ChangeDecisions.tally(board, eligible: board.eligibleVoters(on: roster).count)
        let action = policy.changeControl.pastFinalDeadline ?? .expire
        let passed = "the CCB had not decided by the final deadline \(RFC3339.format(deadline)) (\(tally))"
        if action == .escalate, let sponsor = changeCase.charter?.sponsor, var assessment = request.assessment {
            assessment.route = .sponsor
            assessment.assessedAt = now
            assessment.policyVersion = policy.version
            assessment.reasons = [passed + "; policy v\(policy.version) escalates it to the project's sponsor \(sponsor)"]
            assessment.deciders = [sponsor]
            assessment.finalDeadline = deadline
            request.phase = .awaitingSponsor(since: now, finalDeadline: deadline)
            request.remindersIssued = 0
            request.assessment = assessment
            changeCase.requests[changeRequestId] = request
            return [assessment]
        }
        let why = action == .escalate
            ? "; policy v\(policy.version) escalates it to the sponsor, but no charter names one, so it expired"
            : "; policy v\(policy.version) lets it expire"
        request.phase = .expired
        changeCase.requests[changeRequestId] = request
        return [ChangeDecisions.system(request.request, outcome: .rejected,
                                       reasons: [passed + why] + board.votes.map(ChangeDecisions.voteLine),
                                       policyVersion: policy.version, at: now, finalDeadline: deadline, deadlineAction: .expire)]
    }
}
