import Foundation
import PMOModel
import ServiceRuntime

extension ChangeDesk {
    /// A vote: the PM's or the sponsor's decides alone; a CCB member's is counted by the
    /// ``BoardVote``, which decides once the outcome is certain. Anyone else, and any vote on a
    /// revision that is not open, is refused and changes nothing.
    func consider(_ vote: VoteCast, origin: InputOrigin, _ changeCase: inout ChangeCase, roster: RosterPublished,
                  policy: PolicyPublished, now: Date) -> Disposition {
        func refuse(_ reason: String) -> Disposition {
            .done([refusal(of: .vote(vote, origin), reason: reason, policyVersion: policy.version, at: now)].compactMap { $0 })
        }
        let id = vote.changeRequestId
        guard var request = changeCase.requests[id] else {
            return .early(reason: "\(id) is not known for \(vote.projectId); there is no request revision to vote on")
        }
        if vote.changeRequestRevision > request.revision {
            return .early(reason: "the vote is for revision \(vote.changeRequestRevision) of \(id), which has only revision \(request.revision)")
        }
        if vote.changeRequestRevision < request.revision {
            return refuse("revision \(vote.changeRequestRevision) of \(id) was superseded by revision \(request.revision); it takes no more votes")
        }
        switch request.phase {
        case .awaitingProjectManager:
            guard vote.voter == changeCase.projectManager else {
                return refuse("revision \(request.revision) of \(id) is within the PM's tolerance; only the project's PM \(changeCase.projectManager ?? "(unknown)") decides it, not \(vote.voter)")
            }
            let reasons = ["the project's PM \(vote.voter) \(vote.vote.pastTense) the change within the PM's tolerance"]
                + (vote.comments.map { ["comments: \($0)"] } ?? [])
            return .done(decide(&request, in: &changeCase, outcome: ChangeDecisions.outcome(of: vote.vote), by: .projectManager,
                                reasons: reasons, now: now))
        case .awaitingBoard(var board):
            switch board.receive(vote, roster: roster) {
            case .refuse(let reason):
                return refuse(reason)
            case .wait:
                request.phase = .awaitingBoard(board)
                changeCase.requests[id] = request
                return .done([])
            case .decide(let outcome):
                let reasons = ["the CCB \(outcome.result == .approved ? "approved" : outcome.result == .rejected ? "rejected" : "returned") the change: "
                    + ChangeDecisions.tally(board, eligible: outcome.eligible)] + board.votes.map(ChangeDecisions.voteLine)
                request.phase = .awaitingBoard(board)
                return .done(decide(&request, in: &changeCase, outcome: outcome.result, by: .changeControlBoard, reasons: reasons,
                                    votes: board.references, quorumMet: outcome.quorumMet, now: now))
            }
        case .awaitingSponsor(_, let finalDeadline):
            guard vote.voter == changeCase.charter?.sponsor else {
                return refuse("revision \(request.revision) of \(id) was escalated to the project's sponsor \(changeCase.charter?.sponsor ?? "(unknown)"); only they decide it, not \(vote.voter)")
            }
            let reasons = ["the CCB had not decided by the final deadline \(RFC3339.format(finalDeadline)); the policy escalated the request to the sponsor",
                           "the sponsor \(vote.voter) \(vote.vote.pastTense) the change"]
                + (vote.comments.map { ["comments: \($0)"] } ?? [])
            return .done(decide(&request, in: &changeCase, outcome: ChangeDecisions.outcome(of: vote.vote), by: .sponsor,
                                reasons: reasons, finalDeadline: finalDeadline, deadlineAction: .escalate, now: now))
        case .returnedForRevision, .approved, .rejected, .expired:
            return refuse("revision \(request.revision) of \(id) was \(request.phase.description); it takes no more votes")
        }
    }

    /// Records the decision on `request`: approval revises the baseline (and returns the other
    /// open requests, assessed against the old revision); the other outcomes close or return it.
    func decide(_ request: inout ChangeRequestCase, in changeCase: inout ChangeCase, outcome: DecisionOutcome,
                by authority: DecisionAuthority, reasons: [String], votes: [VoteReference] = [], quorumMet: Bool? = nil,
                finalDeadline: Date? = nil, deadlineAction: FinalDeadlineAction? = nil, now: Date) -> [any PMOEvent] {
        let policyVersion = request.assessment?.policyVersion ?? 1
        var reasons = reasons
        var rebaseline: [any PMOEvent] = []
        switch outcome {
        case .approved:
            guard let event = revise(&changeCase, approving: request, by: authority, now: now) else {
                // Unreachable while every re-baseline returns the other open requests; kept so
                // that a change is never applied to a revision it was not assessed against.
                request.phase = .returnedForRevision
                changeCase.requests[request.changeRequestId] = request
                return [ChangeDecisions.system(request.request, outcome: .returnedForRevision,
                                               reasons: ["the baseline in force is not the revision the change was assessed against; resubmit against it"],
                                               policyVersion: policyVersion, at: now)]
            }
            reasons.append("baseline revision \(event.baselineRevision) replaces revision \(event.previousBaselineRevision)")
            request.phase = .approved
            rebaseline = [event]
        case .rejected:
            request.phase = .rejected
        case .returnedForRevision:
            request.phase = .returnedForRevision
        case .refused, .withdrawn, .deferred:
            // Not outcomes of a change decision (refusals are built by ChangeDecisions.refusal;
            // withdrawal and deferral are intake's).
            break
        }
        changeCase.requests[request.changeRequestId] = request
        let decision = ChangeDecisionMade(
            projectId: request.request.projectId, changeRequestId: request.changeRequestId,
            changeRequestRevision: request.revision, decidedAt: now, policyVersion: policyVersion, decidedBy: authority,
            outcome: outcome, reasons: reasons, votes: votes, quorumMet: quorumMet,
            finalDeadline: finalDeadline, deadlineAction: deadlineAction)
        var events: [any PMOEvent] = [decision] + rebaseline
        if let event = rebaseline.first as? ProjectRebaselined {
            events += returnOpenRequests(&changeCase, after: event, now: now)
        }
        return events
    }
}
