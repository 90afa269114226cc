import PMOModel

/// What the state keeps of a proposal once its revision is decided: only what later inputs are
/// checked against.
///
/// Under review, everything is kept. Awaiting the appointment of a PM, the proposal and its
/// assessment are kept (the charter is built from them) but not the review gate. Rejected,
/// chartered or returned for revision, only the proposal's cover is kept (project, revision,
/// title, sponsor, department, nominated PM, submission time): later reviews and submissions are
/// refused, or the next revision accepted, on its phase and revision alone.
public enum DossierRetention {
    /// `dossier` without what its phase no longer needs.
    public static func retained(_ dossier: ProposalDossier) -> ProposalDossier {
        var kept = dossier
        switch dossier.phase {
        case .underReview, .deferred, .appealed:
            return dossier
        case .awaitingProjectManager:
            kept.gate = nil
            kept.remindedRevision = nil
        case .rejected, .chartered, .returnedForRevision, .withdrawn:
            kept.gate = nil
            kept.assessment = nil
            kept.remindedRevision = nil
            kept.reviewReminders = nil
            kept.appointmentReminders = nil
            kept.proposal = cover(of: dossier.proposal)
        }
        return kept
    }

    /// The proposal's identification fields, without its sections.
    public static func cover(of proposal: ProposalSubmitted) -> ProposalSubmitted {
        ProposalSubmitted(projectId: proposal.projectId, revision: proposal.revision, submittedAt: proposal.submittedAt,
                          title: proposal.title, sponsor: proposal.sponsor, department: proposal.department,
                          nominatedProjectManager: proposal.nominatedProjectManager)
    }
}
