import Foundation
import PMOModel

/// Where one change request stands: the states of the change-request state machine. Transitions
/// (all in ``ChangeDesk``):
///
/// ```
/// (new) ──request r──▶ assessment ─┬─ incomplete ────────────────────────▶ returnedForRevision
/// returnedForRevision ──request r+1┤─ within the PM's tolerance ─────────▶ awaitingProjectManager
///                                  └─ beyond it, or a claim understated ─▶ awaitingBoard(vote)
/// awaitingProjectManager ─ the PM votes ─▶ approved | rejected | returnedForRevision
/// awaitingBoard ─┬─ approval certain ─────────────────────────────────────▶ approved
///                ├─ approval out of reach ────────────────────────────────▶ rejected | returnedForRevision
///                └─ final deadline passed ─┬─ quorum met: the votes cast ──▶ approved | rejected | returnedForRevision
///                                          ├─ else policy: expire ────────▶ expired
///                                          └─ else policy: escalate ──────▶ awaitingSponsor
/// awaitingSponsor ─ the sponsor votes ─▶ approved | rejected | returnedForRevision
/// any open phase ─ another change re-baselines the project ───────────────▶ returnedForRevision
/// ```
/// `approved`, `rejected` and `expired` are final: later revisions of the request are refused.
public enum ChangeRequestPhase: Codable, Sendable, Equatable {
    /// Within the PM's tolerance: the project's PM decides. Open since the assessment.
    case awaitingProjectManager(since: Date)
    /// Beyond the PM's tolerance: the CCB votes.
    case awaitingBoard(BoardVote)
    /// Escalated past the CCB's final deadline: the sponsor decides.
    case awaitingSponsor(since: Date, finalDeadline: Date)
    /// Returned to the requester; the next revision may be submitted.
    case returnedForRevision
    /// Approved; the baseline was revised. Final.
    case approved
    /// Rejected. Final.
    case rejected
    /// Undecided at the CCB's final deadline and closed by the policy. Final.
    case expired

    /// Whether a decision is awaited.
    public var isOpen: Bool {
        switch self {
        case .awaitingProjectManager, .awaitingBoard, .awaitingSponsor: true
        case .returnedForRevision, .approved, .rejected, .expired: false
        }
    }

    /// Whether no later revision may follow.
    public var isFinal: Bool {
        switch self {
        case .approved, .rejected, .expired: true
        case .awaitingProjectManager, .awaitingBoard, .awaitingSponsor, .returnedForRevision: false
        }
    }

    /// Who decides while open.
    public var route: ChangeRoute? {
        switch self {
        case .awaitingProjectManager: .projectManager
        case .awaitingBoard: .changeControlBoard
        case .awaitingSponsor: .sponsor
        default: nil
        }
    }

    /// Since when a decision is awaited.
    public var pendingSince: Date? {
        switch self {
        case .awaitingProjectManager(let since), .awaitingSponsor(let since, _): since
        case .awaitingBoard(let vote): vote.openedAt
        default: nil
        }
    }

    /// A word for the phase in reasons: "awaiting the CCB", "approved"...
    public var description: String {
        switch self {
        case .awaitingProjectManager: "awaiting the PM's decision"
        case .awaitingBoard: "awaiting the CCB's votes"
        case .awaitingSponsor: "awaiting the sponsor's decision"
        case .returnedForRevision: "returned for revision"
        case .approved: "approved"
        case .rejected: "rejected"
        case .expired: "expired"
        }
    }
}
