import Foundation
import PMOModel

/// The CCB's final deadline (the policy's `finalDeadlineDays` after the assessment). At the first
/// tick at or after it, a request the board has not decided is settled:
///
/// - **the quorum is met**: the board decides on the votes cast (a majority of them approves;
///   otherwise more `revise` than `reject` votes return the request, else it is rejected), and
///   the decision states the deadline;
/// - **otherwise the policy's `pastFinalDeadline` decides** (expire when absent):
///   - *expire*: change control closes the request unapproved (`decidedBy: system`, outcome
///     `rejected`, `deadlineAction: expire`), naming the votes cast so far;
///   - *escalate*: the request goes to the project's sponsor: a second assessment with the route
///     `sponsor` opens the sponsor's vote, and the sponsor's vote then decides with
///     `deadlineAction: escalate`. With no charter, hence no sponsor known, the request expires.
public enum FinalDeadline {
    /// How a board vote past its deadline is settled.
    public enum Settlement: Equatable, Sendable {
        /// The votes cast meet the quorum and decide.
        case boardDecides(BoardOutcome)
        /// The request goes to the sponsor.
        case escalate(sponsor: String)
        /// The request expires; `escalationImpossible` when the policy said escalate but no
        /// sponsor is known.
        case expire(escalationImpossible: Bool)
    }

    /// The settlement of `board` at `now`, or `nil` while its deadline has not passed (or it has none).
    public static func settlement(of board: BoardVote, eligible: Int, action: FinalDeadlineAction?, sponsor: String?,
                                  at now: Date) -> Settlement? {
        guard let deadline = board.finalDeadline, now >= deadline else { return nil }
        if let outcome = board.outcomeOnVotesCast(eligible: eligible) { return .boardDecides(outcome) }
        switch action ?? .expire {
        case .expire: return .expire(escalationImpossible: false)
        case .escalate: return sponsor.map { .escalate(sponsor: $0) } ?? .expire(escalationImpossible: true)
        }
    }
}
