import PMOModel

/// Decides whether a proposal revision may enter intake, given the project's dossier.
///
/// A first submission is revision 1. A resubmission is the next revision of a proposal that was
/// returned for revision. A resubmission that arrives while the current revision is still under
/// review is held (the reviews that return it may still be on their way). Everything else is
/// refused with a reason: a revision already submitted (duplicate), a revision that skips
/// numbers, and any submission for a project already rejected, approved or chartered.
public enum SubmissionRules {
    /// What to do with a submitted revision.
    public enum Action: Equatable, Sendable {
        /// Screen and assess it as the current revision.
        case accept
        /// Refuse it, saying why.
        case refuse(reason: String)
        /// Hold it: it may have overtaken the decision on the current revision (reviews travel on
        /// another topic). The reason is given if it is refused after all.
        case hold(reason: String)
    }

    /// The action for `proposal` given the project's current `dossier` (nil when none).
    public static func admit(_ proposal: ProposalSubmitted, dossier: ProposalDossier?) -> Action {
        let project = proposal.projectId
        let revision = proposal.revision
        guard let dossier else {
            if revision == 1 { return .accept }
            return .refuse(reason: "\(project) has no earlier submission: a first submission must be revision 1, not \(revision)")
        }
        let current = dossier.revision
        switch dossier.phase {
        case .rejected:
            return .refuse(reason: "\(project) was already rejected (revision \(current)); a new proposal needs a new project id")
        case .chartered:
            return .refuse(reason: "\(project) was already approved and chartered (revision \(current)); changes go through change control")
        case .awaitingProjectManager:
            return .refuse(reason: "\(project) was already approved (revision \(current)) and awaits the appointment of a project manager")
        case .withdrawn:
            return .refuse(reason: "\(project) was withdrawn by its sponsor (revision \(current)); a new proposal needs a new project id")
        case .deferred:
            return .refuse(reason: "\(project) is deferred until \(dossier.deferral.map { "\($0.until)" } ?? "a later date") at its sponsor's request; submit the next revision once it resumes")
        case .appealed:
            return .refuse(reason: "\(project) was rejected (revision \(current)) and its appeal awaits the PMO head's ruling")
        case .underReview, .returnedForRevision:
            if revision <= current {
                return .refuse(reason: "duplicate submission: revision \(revision) of \(project) was already submitted (current revision \(current))")
            }
            if dossier.phase == .underReview, revision == current + 1 {
                return .hold(reason: "revision \(current) of \(project) is under department review; revision \(revision) can only be submitted after it is returned for revision")
            }
            if revision != current + 1 {
                // Proposals of one project are read in order, so a gap is never in transit.
                return .refuse(reason: "\(project) expects revision \(current + 1) next, not \(revision)")
            }
            return .accept
        }
    }
}
