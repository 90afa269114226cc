import Foundation
import PMOModel

/// The change control board's vote on one change request revision, with the rules it was opened
/// under (a later policy does not change a vote in progress).
///
/// - Only roster members with the `ccb-member` role vote, and never the requester on their own
///   request. A second vote of a member replaces the first or is refused, per the policy.
/// - The board decides as soon as the outcome is certain: approval once the quorum is met and the
///   approvals satisfy the majority even if every member who has not voted votes against;
///   non-approval once approval is out of reach even if every such member approves. Then the
///   votes cast choose: more `revise` than `reject` votes return the request, otherwise it is
///   rejected.
/// - When the eligible members are fewer than the quorum, the board decides only once all of them
///   have voted, and the quorum is not met: the request is not approved.
/// - Past the final deadline (``FinalDeadline``) the votes cast decide when they meet the quorum:
///   a majority of them approves.
public struct BoardVote: Codable, Sendable, Equatable {
    /// The revision voted on.
    public var revision: Int
    /// Who requested the change; they may not vote on it.
    public var requester: String
    /// Votes needed before the board can decide.
    public var quorum: Int
    /// Share of approving votes needed.
    public var majority: MajorityRule
    /// What a member's second vote does.
    public var voteChange: VoteChangeRule
    /// When the vote opened (the assessment's time); reminders count from it.
    public var openedAt: Date
    /// When the board must have decided, when the policy sets a final deadline.
    public var finalDeadline: Date?
    /// The votes counted, one per member, in the order first cast.
    public var votes: [VoteCast]

    /// A vote opened at `openedAt`.
    public init(revision: Int, requester: String, quorum: Int, majority: MajorityRule, voteChange: VoteChangeRule,
                openedAt: Date, finalDeadline: Date? = nil, votes: [VoteCast] = []) {
        self.revision = revision
        self.requester = requester
        self.quorum = max(1, quorum)
        self.majority = majority
        self.voteChange = voteChange
        self.openedAt = openedAt
        self.finalDeadline = finalDeadline
        self.votes = votes
    }

    /// What a vote leads to.
    public enum Action: Equatable, Sendable {
        /// Not counted; the reason says why. Nothing changes.
        case refuse(reason: String)
        /// Counted; the outcome is not certain yet.
        case wait
        /// Counted, and the outcome is now certain.
        case decide(BoardOutcome)
    }

    /// Counts `vote` if its member may cast it, and says what follows.
    public mutating func receive(_ vote: VoteCast, roster: RosterPublished) -> Action {
        guard let member = roster.member(vote.voter) else {
            return .refuse(reason: "\(vote.voter) is not on roster v\(roster.version); only CCB members vote on change requests")
        }
        guard member.roles.contains(.ccbMember) else {
            return .refuse(reason: "\(vote.voter) is not a CCB member on roster v\(roster.version); only CCB members vote on change requests")
        }
        guard vote.voter != requester else {
            return .refuse(reason: "\(vote.voter) requested \(vote.changeRequestId) and may not vote on their own request")
        }
        if let earlier = votes.firstIndex(where: { $0.voter == vote.voter }) {
            switch voteChange {
            case .refuse:
                return .refuse(reason: "\(vote.voter) has already voted \(votes[earlier].vote.rawValue) on revision \(revision) of \(vote.changeRequestId); the policy refuses a changed vote")
            case .replace:
                votes[earlier] = vote
            }
        } else {
            votes.append(vote)
        }
        return outcome(eligible: eligibleVoters(on: roster).count).map(Action.decide) ?? .wait
    }

    /// The outcome if it is certain with `eligible` members entitled to vote, else `nil`.
    public func outcome(eligible: Int) -> BoardOutcome? {
        let cast = votes.count
        let approvals = votes.count { $0.vote == .approve }
        let outstanding = max(eligible - cast, 0)
        let total = cast + outstanding
        if cast >= quorum, majority.isMet(approvals: approvals, of: total) {
            return BoardOutcome(result: .approved, quorumMet: true, eligible: eligible)
        }
        let approvalOutOfReach = !majority.isMet(approvals: approvals + outstanding, of: total)
        let quorumOutOfReach = total < quorum
        guard approvalOutOfReach || (quorumOutOfReach && outstanding == 0) else { return nil }
        let revisions = votes.count { $0.vote == .revise }
        let rejections = votes.count { $0.vote == .reject }
        return BoardOutcome(result: revisions > rejections ? .returnedForRevision : .rejected,
                            quorumMet: cast >= quorum, eligible: eligible)
    }

    /// The outcome on the votes cast, once the final deadline has passed: with the quorum met,
    /// approved when the approvals satisfy the majority of the votes cast, otherwise returned or
    /// rejected as above; `nil` when the quorum is not met (the policy then decides).
    public func outcomeOnVotesCast(eligible: Int) -> BoardOutcome? {
        let cast = votes.count
        guard cast >= quorum else { return nil }
        if majority.isMet(approvals: votes.count { $0.vote == .approve }, of: cast) {
            return BoardOutcome(result: .approved, quorumMet: true, eligible: eligible)
        }
        let revisions = votes.count { $0.vote == .revise }
        let rejections = votes.count { $0.vote == .reject }
        return BoardOutcome(result: revisions > rejections ? .returnedForRevision : .rejected, quorumMet: true, eligible: eligible)
    }

    /// The members entitled to vote: the roster's CCB members other than the requester, and any
    /// member whose vote was counted before they left the board.
    public func eligibleVoters(on roster: RosterPublished) -> [String] {
        var voters = roster.members(withRole: .ccbMember).map(\.personId).filter { $0 != requester }
        for vote in votes where !voters.contains(vote.voter) { voters.append(vote.voter) }
        return voters
    }

    /// The entitled members who have not voted yet, in roster order.
    public func pendingVoters(on roster: RosterPublished) -> [String] {
        eligibleVoters(on: roster).filter { voter in !votes.contains { $0.voter == voter } }
    }

    /// The votes as the decision lists them.
    public var references: [VoteReference] { votes.map { VoteReference(voter: $0.voter, vote: $0.vote) } }
}

/// What the board decided, and on how many votes.
public struct BoardOutcome: Equatable, Sendable {
    /// Approved, rejected or returned for revision.
    public var result: DecisionOutcome
    /// Whether the quorum was met.
    public var quorumMet: Bool
    /// How many members were entitled to vote.
    public var eligible: Int
}

extension MajorityRule {
    /// Whether `approvals` of `total` votes satisfy the rule (never with no votes).
    public func isMet(approvals: Int, of total: Int) -> Bool {
        guard total > 0 else { return false }
        switch self {
        case .simple: return approvals * 2 > total
        case .twoThirds: return approvals * 3 >= total * 2
        case .unanimous: return approvals == total
        }
    }

    /// "simple majority", "two-thirds majority", "unanimity".
    public var phrase: String {
        switch self {
        case .simple: "a simple majority"
        case .twoThirds: "a two-thirds majority"
        case .unanimous: "unanimity"
        }
    }
}
