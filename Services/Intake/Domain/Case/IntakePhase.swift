/// Where a proposal stands in intake.
public enum IntakePhase: String, Codable, Sendable, Equatable {
    /// Returned to the sponsor (incomplete, or a reviewer asked for a revision); the next
    /// revision may be submitted.
    case returnedForRevision = "returned-for-revision"
    /// Assessed and waiting for the required department reviews of the current revision.
    case underReview = "under-review"
    /// Turned down (score below the threshold, or a reviewer rejected it). Final.
    case rejected
    /// Approved, but the nominated PM is not a project manager on the roster; the charter is
    /// issued once the roster lists them as one.
    case awaitingProjectManager = "awaiting-project-manager"
    /// Approved and chartered. Final.
    case chartered
    /// Withdrawn by its sponsor. Final.
    case withdrawn
    /// Parked at the sponsor's request until a date (``ProposalDossier/deferral``); it then
    /// resumes the phase it was in.
    case deferred
    /// Rejected, and appealed to the PMO head, whose ruling is awaited.
    case appealed
}
