import Foundation
import PMOModel

/// Reminders while an approved proposal waits for a project manager (its nominee is not a project
/// manager on the roster): one per reminder period (the policy's `intakeReviewDays`) since the
/// approval, escalated from the third on to the PMO head (roster role `pmo-head`), until the
/// roster lists the nominee as a project manager or the PMO appoints one
/// (`pmo.intake.pm.appointed.v1`).
public enum AppointmentReminders {
    /// The reminder due for `dossier` at `now`, if any.
    public static func due(_ dossier: ProposalDossier, policy: PolicyPublished, roster: RosterPublished,
                           at now: Date) -> AppointmentReminderIssued? {
        guard dossier.phase == .awaitingProjectManager else { return nil }
        let days = policy.reminders.intakeReviewDays
        let periods = Int(now.timeIntervalSince(dossier.since) / (Double(days) * 86_400))
        guard periods > (dossier.appointmentReminders ?? 0) else { return nil }
        return AppointmentReminderIssued(
            projectId: dossier.proposal.projectId, proposalRevision: dossier.revision, remindedAt: now,
            pendingSince: dossier.since, reminderPeriodDays: days, reminder: periods, policyVersion: policy.version,
            nominatedProjectManager: dossier.proposal.nominatedProjectManager,
            escalatedTo: periods > 2 ? roster.members(withRole: .pmoHead).map(\.personId) : [])
    }
}
