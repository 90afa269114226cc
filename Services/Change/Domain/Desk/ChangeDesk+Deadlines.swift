import Foundation
import PMOModel
import ServiceRuntime

extension ChangeDesk {
    /// Settles `changeRequestId` if its CCB vote is past the final deadline at `now` (see
    /// ``FinalDeadline``): the votes cast decide, or the request expires, or it goes to the sponsor.
    func settlePastDeadline(_ changeRequestId: String, in changeCase: inout ChangeCase, policy: PolicyPublished,
                            roster: RosterPublished, now: Date) -> [any PMOEvent] {
        guard var request = changeCase.requests[changeRequestId], case .awaitingBoard(let board) = request.phase,
              let deadline = board.finalDeadline else { return [] }
        let eligible = board.eligibleVoters(on: roster).count
        guard let settlement = FinalDeadline.settlement(of: board, eligible: eligible, action: policy.changeControl.pastFinalDeadline,
                                                        sponsor: changeCase.charter?.sponsor, at: now) else { return [] }
        let passed = "the final deadline \(RFC3339.format(deadline)) passed (\(ChangeDecisions.tally(board, eligible: eligible)))"
        switch settlement {
        case .boardDecides(let outcome):
            let verb = outcome.result == .approved ? "approved" : outcome.result == .rejected ? "rejected" : "returned"
            let reasons = ["\(passed); the quorum is met, so the votes cast decide: the CCB \(verb) the change"]
                + board.votes.map(ChangeDecisions.voteLine)
            return decide(&request, in: &changeCase, outcome: outcome.result, by: .changeControlBoard, reasons: reasons,
                          votes: board.references, quorumMet: true, finalDeadline: deadline, now: now)
        case .escalate(let sponsor):
            guard var assessment = request.assessment else { return [] }
            assessment.route = .sponsor
            assessment.assessedAt = now
            assessment.policyVersion = policy.version
            assessment.reasons = ["\(passed) without the quorum; policy v\(policy.version) escalates the request to the project's sponsor \(sponsor)"]
            assessment.deciders = [sponsor]
            assessment.finalDeadline = deadline
            request.phase = .awaitingSponsor(since: now, finalDeadline: deadline)
            request.remindersIssued = 0
            request.assessment = assessment
            changeCase.requests[changeRequestId] = request
            return [assessment]
        case .expire(let escalationImpossible):
            let why = escalationImpossible
                ? " without the quorum; policy v\(policy.version) escalates it to the sponsor, but no charter names one, so it expired"
                : " without the quorum; policy v\(policy.version) lets it expire"
            request.phase = .expired
            changeCase.requests[changeRequestId] = request
            return [ChangeDecisions.system(request.request, outcome: .rejected,
                                           reasons: [passed + why] + board.votes.map(ChangeDecisions.voteLine),
                                           policyVersion: policy.version, at: now, finalDeadline: deadline, deadlineAction: .expire)]
        }
    }
}
