/// Where a chartered project stands in the planning review: the states of the plan-approval state
/// machine. Transitions (all in ``PlanningDesk``):
///
/// ```
/// awaitingPlan ──plan──▶ review ─┬─ blocking findings ──────────▶ returnedForRevision(r)
/// returnedForRevision ──plan r+1─┤─ expert review required ─────▶ underExpertReview(gate)
///                                └─ otherwise ──────────────────▶ baselined(r)
/// underExpertReview ─┬─ an expert rejects ──────────────────────▶ rejected(r)
///                    ├─ verdicts in, one asks for a revision ───▶ returnedForRevision(r)
///                    ├─ verdicts in, all approve ───────────────▶ baselined(r)
///                    └─ plan r+1 (supersedes r) ────────────────▶ review of r+1
/// ```
/// `rejected` and `baselined` are final: later plans are refused (a baselined project changes its
/// baseline through change control).
public enum PlanPhase: Codable, Sendable, Equatable {
    /// Chartered; no plan revision has been accepted yet.
    case awaitingPlan
    /// Revision `revision` was returned to the PM; the next revision may be submitted.
    case returnedForRevision(revision: Int)
    /// The current revision passed the review and waits for expert verdicts.
    case underExpertReview(ExpertReviewGate)
    /// Revision `revision` was rejected by an expert; the project is turned down. Final.
    case rejected(revision: Int)
    /// Revision `revision` was approved and set the baseline. Final.
    case baselined(revision: Int)

    /// The latest accepted revision, `nil` before the first.
    public var revision: Int? {
        switch self {
        case .awaitingPlan: nil
        case .returnedForRevision(let revision), .rejected(let revision), .baselined(let revision): revision
        case .underExpertReview(let gate): gate.revision
        }
    }
}
