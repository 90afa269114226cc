import Foundation
import PMOModel

/// Reminders for department reviews: once the reviews of a revision have been pending for the
/// policy's reminder period, one reminder names the departments still to review and the
/// roster's reviewers for each. One reminder per revision.
public enum ReviewReminders {
    /// The reminder due for `dossier` at `now`, if any.
    public static func due(_ dossier: ProposalDossier, policy: PolicyPublished, roster: RosterPublished,
                           at now: Date) -> ReviewReminderIssued? {
        guard dossier.phase == .underReview, dossier.remindedRevision != dossier.revision,
              let gate = dossier.gate, let assessment = dossier.assessment else { return nil }
        let pending = gate.pendingDepartments
        let days = policy.reminders.intakeReviewDays
        let requested = assessment.reviewsRequestedAt
        guard !pending.isEmpty, now.timeIntervalSince(requested) >= Double(days) * 86_400 else { return nil }
        let overdue = pending.map { department in
            PendingReview(department: department,
                          reviewers: roster.members(withRole: .departmentReviewer, in: department).map(\.personId))
        }
        return ReviewReminderIssued(projectId: dossier.proposal.projectId, proposalRevision: dossier.revision,
                                    remindedAt: now, pendingSince: requested, reminderPeriodDays: days,
                                    policyVersion: policy.version, overdueReviews: overdue)
    }
}
