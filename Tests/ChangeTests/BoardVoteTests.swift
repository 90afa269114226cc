import Foundation
import Testing
@testable import Change
import PMOModel

/// The CCB's vote: who may vote, vote changes, and deciding as soon as the outcome is certain.
@Suite struct BoardVoteTests {
    let roster: RosterPublished
    init() throws { roster = try sampleRoster() }

    func board(quorum: Int = 3, majority: MajorityRule = .simple, voteChange: VoteChangeRule = .replace,
               requester: String = "marc.lefevre") -> BoardVote {
        BoardVote(revision: 1, requester: requester, quorum: quorum, majority: majority, voteChange: voteChange, openedAt: t0)
    }

    @Test func theRequesterMayNotVoteOnTheirOwnRequest() {
        var board = board(requester: "ines.garcia")
        let action = board.receive(vote("ines.garcia", .approve), roster: roster)
        guard case .refuse(let reason) = action else { Issue.record("counted: \(action)"); return }
        #expect(reason.contains("may not vote on their own request"))
        #expect(board.votes.isEmpty)
        #expect(board.eligibleVoters(on: roster) == ["claire.martin", "julien.bernard", "omar.haddad", "sarah.cohen"])
    }

    @Test func onlyCCBMembersOnTheRosterVote() {
        var board = board()
        guard case .refuse(let notMember) = board.receive(vote("sofia.rossi", .approve), roster: roster),
              case .refuse(let unknown) = board.receive(vote("nobody.here", .approve), roster: roster) else {
            Issue.record("counted"); return
        }
        #expect(notMember.contains("not a CCB member"))
        #expect(unknown.contains("not on roster"))
        #expect(board.votes.isEmpty)
    }

    @Test func approvalIsDecidedOnceItIsCertainNotWhenAllHaveVoted() {
        // Five members, simple majority: three approvals out of five are a majority whatever the
        // other two vote.
        var board = board()
        #expect(board.receive(vote("claire.martin", .approve), roster: roster) == .wait)
        #expect(board.receive(vote("julien.bernard", .approve), roster: roster) == .wait)
        #expect(board.receive(vote("omar.haddad", .approve), roster: roster)
            == .decide(BoardOutcome(result: .approved, quorumMet: true, eligible: 5)))
    }

    @Test func threeOfFourApprovalsWithOneOutstandingAreCertainButTwoOfThreeAreNot() {
        var board = board()
        #expect(board.receive(vote("claire.martin", .approve), roster: roster) == .wait)
        #expect(board.receive(vote("julien.bernard", .reject), roster: roster) == .wait)
        // 2 approve, 1 reject, 2 outstanding: 2 of 5 is no majority yet, 4 of 5 still reachable.
        #expect(board.receive(vote("omar.haddad", .approve), roster: roster) == .wait)
        #expect(board.receive(vote("ines.garcia", .approve), roster: roster)
            == .decide(BoardOutcome(result: .approved, quorumMet: true, eligible: 5)))
    }

    @Test func rejectionIsDecidedOnceApprovalIsOutOfReach() {
        // Three rejections of five: even two more approvals make 2 of 5.
        var board = board()
        #expect(board.receive(vote("claire.martin", .reject), roster: roster) == .wait)
        #expect(board.receive(vote("julien.bernard", .reject), roster: roster) == .wait)
        #expect(board.receive(vote("omar.haddad", .reject), roster: roster)
            == .decide(BoardOutcome(result: .rejected, quorumMet: true, eligible: 5)))
    }

    @Test func moreReviseThanRejectVotesReturnTheRequest() {
        var board = board()
        _ = board.receive(vote("claire.martin", .revise), roster: roster)
        _ = board.receive(vote("julien.bernard", .revise), roster: roster)
        #expect(board.receive(vote("omar.haddad", .reject), roster: roster)
            == .decide(BoardOutcome(result: .returnedForRevision, quorumMet: true, eligible: 5)))
    }

    @Test func unanimityFailsAtTheFirstDissent() {
        var board = board(quorum: 2, majority: .unanimous)
        #expect(board.receive(vote("claire.martin", .approve), roster: roster) == .wait)
        #expect(board.receive(vote("julien.bernard", .revise), roster: roster)
            == .decide(BoardOutcome(result: .returnedForRevision, quorumMet: true, eligible: 5)))
    }

    @Test func aChangedVoteReplacesTheEarlierOneWhenThePolicySaysReplace() {
        var board = board()
        _ = board.receive(vote("claire.martin", .reject), roster: roster)
        _ = board.receive(vote("julien.bernard", .reject), roster: roster)
        // claire.martin changes her mind: two approvals, one rejection, not three rejections.
        #expect(board.receive(vote("claire.martin", .approve), roster: roster) == .wait)
        #expect(board.votes.map(\.vote) == [.approve, .reject])
        // One approval, two rejections, two outstanding: 3 of 5 approvals are still reachable.
        #expect(board.receive(vote("omar.haddad", .reject), roster: roster) == .wait)
        #expect(board.receive(vote("ines.garcia", .reject), roster: roster)
            == .decide(BoardOutcome(result: .rejected, quorumMet: true, eligible: 5)))
        #expect(board.votes.map(\.voter) == ["claire.martin", "julien.bernard", "omar.haddad", "ines.garcia"])
    }

    @Test func aChangedVoteIsRefusedWhenThePolicySaysRefuse() {
        var board = board(voteChange: .refuse)
        _ = board.receive(vote("claire.martin", .reject), roster: roster)
        guard case .refuse(let reason) = board.receive(vote("claire.martin", .approve), roster: roster) else {
            Issue.record("replaced"); return
        }
        #expect(reason.contains("already voted reject"))
        #expect(board.votes.map(\.vote) == [.reject])
    }

    @Test func aQuorumLargerThanTheBoardWaitsForEveryMemberAndIsNotMet() {
        var board = board(quorum: 6)
        for member in ["claire.martin", "julien.bernard", "omar.haddad", "ines.garcia"] {
            #expect(board.receive(vote(member, .approve), roster: roster) == .wait)
        }
        #expect(board.receive(vote("sarah.cohen", .approve), roster: roster)
            == .decide(BoardOutcome(result: .rejected, quorumMet: false, eligible: 5)))
    }

    @Test func twoThirdsNeedsTwoThirdsOfEveryoneWhoMayStillVote() {
        var board = board(majority: .twoThirds)
        for member in ["claire.martin", "julien.bernard", "omar.haddad"] {
            #expect(board.receive(vote(member, .approve), roster: roster) == .wait)
        }
        // 4 of 5 is at least two thirds whatever the last member votes.
        #expect(board.receive(vote("ines.garcia", .approve), roster: roster)
            == .decide(BoardOutcome(result: .approved, quorumMet: true, eligible: 5)))
    }
}

/// What happens to a CCB vote at its final deadline.
@Suite struct FinalDeadlineTests {
    let deadline = t0.addingTimeInterval(10 * 86_400)

    func board(_ votes: [(String, Verdict)]) -> BoardVote {
        BoardVote(revision: 1, requester: "marc.lefevre", quorum: 3, majority: .simple, voteChange: .replace, openedAt: t0,
                  finalDeadline: deadline, votes: votes.map { vote($0.0, $0.1) })
    }

    @Test func nothingHappensBeforeTheDeadline() {
        #expect(FinalDeadline.settlement(of: board([]), eligible: 5, action: .expire, sponsor: "helene.dubois",
                                         at: deadline.addingTimeInterval(-1)) == nil)
    }

    @Test func withTheQuorumMetAMajorityOfTheVotesCastDecides() {
        let approving = board([("claire.martin", .approve), ("julien.bernard", .reject), ("omar.haddad", .approve)])
        #expect(FinalDeadline.settlement(of: approving, eligible: 5, action: .expire, sponsor: nil, at: deadline)
            == .boardDecides(BoardOutcome(result: .approved, quorumMet: true, eligible: 5)))
        let split = board([("claire.martin", .approve), ("julien.bernard", .revise), ("omar.haddad", .reject), ("ines.garcia", .revise)])
        #expect(FinalDeadline.settlement(of: split, eligible: 5, action: .expire, sponsor: nil, at: deadline)
            == .boardDecides(BoardOutcome(result: .returnedForRevision, quorumMet: true, eligible: 5)))
    }

    @Test func withoutTheQuorumThePolicyExpiresOrEscalates() {
        let short = board([("claire.martin", .approve), ("julien.bernard", .approve)])
        #expect(FinalDeadline.settlement(of: short, eligible: 5, action: nil, sponsor: "helene.dubois", at: deadline)
            == .expire(escalationImpossible: false))
        #expect(FinalDeadline.settlement(of: short, eligible: 5, action: .escalate, sponsor: "helene.dubois", at: deadline)
            == .escalate(sponsor: "helene.dubois"))
        #expect(FinalDeadline.settlement(of: short, eligible: 5, action: .escalate, sponsor: nil, at: deadline)
            == .expire(escalationImpossible: true))
    }
}
