import Foundation
import PMOModel

/// Reminders for expert reviews: each time the expert review of a revision has been pending for
/// one more reminder period (the policy's `expertReviewDays`), one reminder names the roster's
/// experts who have not given a verdict. Reminder `n` is due `n` periods after the request; a
/// tick that comes late issues only the latest one.
public enum ExpertReviewReminders {
    /// The reminder due for `gate` at `now`, if any.
    public static func due(_ gate: ExpertReviewGate, policy: PolicyPublished, roster: RosterPublished,
                           at now: Date) -> ExpertReviewReminderIssued? {
        let days = policy.reminders.expertReviewDays
        let periods = Int(now.timeIntervalSince(gate.requestedAt) / (Double(days) * 86_400))
        let experts = gate.pendingExperts(on: roster)
        guard periods > gate.remindersIssued, gate.verdicts.count < gate.verdictsRequired, !experts.isEmpty else {
            return nil
        }
        return ExpertReviewReminderIssued(
            projectId: gate.plan.projectId, planRevision: gate.revision, remindedAt: now, pendingSince: gate.requestedAt,
            reminderPeriodDays: days, reminder: periods, policyVersion: policy.version,
            verdictsRequired: gate.verdictsRequired, verdictsReceived: gate.verdicts.count, experts: experts)
    }
}
