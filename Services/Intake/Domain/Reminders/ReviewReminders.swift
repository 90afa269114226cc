import Foundation
import PMOModel

/// Reminders for department reviews: each time the reviews of the revision under review have been
/// pending for one more reminder period (the policy's `intakeReviewDays`, counted from when they
/// were requested), one reminder names the late departments and their reviewers. From the third
/// reminder on it is escalated to the heads of the late departments (roster role
/// `department-head`). Reminder `n` is due `n` periods after the request; a tick that comes late
/// issues only the latest one.
public enum ReviewReminders {
    /// The reminder due for `dossier` at `now`, if any.
    public static func due(_ dossier: ProposalDossier, policy: PolicyPublished, roster: RosterPublished,
                           at now: Date) -> ReviewReminderIssued? {
        guard dossier.phase == .underReview, let gate = dossier.gate, let assessment = dossier.assessment else { return nil }
        let issued = dossier.reviewReminders ?? (dossier.remindedRevision == dossier.revision ? 1 : 0)
        let pending = gate.pendingDepartments
        let days = policy.reminders.intakeReviewDays
        let requested = assessment.reviewsRequestedAt
        let periods = Int(now.timeIntervalSince(requested) / (Double(days) * 86_400))
        guard !pending.isEmpty, periods > issued else { return nil }
        let overdue = pending.map { department in
            PendingReview(department: department,
                          reviewers: roster.members(withRole: .departmentReviewer, in: department).map(\.personId))
        }
        let heads = periods > 2 ? pending.flatMap { roster.members(withRole: .departmentHead, in: $0).map(\.personId) } : []
        return ReviewReminderIssued(projectId: dossier.proposal.projectId, proposalRevision: dossier.revision,
                                    remindedAt: now, pendingSince: requested, reminderPeriodDays: days,
                                    policyVersion: policy.version, overdueReviews: overdue, reminder: periods,
                                    escalatedTo: unique(heads))
    }

    static func unique(_ people: [String]) -> [String] {
        var seen: Set<String> = []
        return people.filter { seen.insert($0).inserted }
    }
}
