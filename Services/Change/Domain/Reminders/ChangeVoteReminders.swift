import Foundation
import PMOModel

/// Reminders for votes: each time an open change request has waited one more reminder period (the
/// policy's `ccbVoteDays`) since its vote opened, one reminder names who has not voted: the CCB
/// members other than the requester, the PM, or the sponsor. Reminder `n` is due `n` periods after
/// the vote opened; a tick that comes late issues only the latest one.
public enum ChangeVoteReminders {
    /// The reminder due for `request` at `now`, naming `pendingVoters`, if any.
    public static func due(_ request: ChangeRequestCase, pendingVoters: [String], policy: PolicyPublished,
                           at now: Date) -> ChangeVoteReminderIssued? {
        guard let route = request.phase.route, let since = request.phase.pendingSince, !pendingVoters.isEmpty else { return nil }
        let days = policy.reminders.ccbVoteDays
        let periods = Int(now.timeIntervalSince(since) / (Double(days) * 86_400))
        guard periods > request.remindersIssued else { return nil }
        var votes = 0
        var deadline: Date?
        switch request.phase {
        case .awaitingBoard(let board):
            votes = board.votes.count
            deadline = board.finalDeadline
        case .awaitingSponsor(_, let finalDeadline):
            deadline = finalDeadline
        default:
            break
        }
        return ChangeVoteReminderIssued(
            projectId: request.request.projectId, changeRequestId: request.changeRequestId,
            changeRequestRevision: request.revision, route: route, remindedAt: now, pendingSince: since,
            reminderPeriodDays: days, reminder: periods, policyVersion: policy.version, votesReceived: votes,
            pendingVoters: pendingVoters, finalDeadline: deadline)
    }
}
