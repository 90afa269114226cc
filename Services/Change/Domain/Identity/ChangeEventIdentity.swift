import PMOModel

/// One decision, one id: the CloudEvents id of everything change control emits is derived from
/// what the event means, never from the input record that triggered it or from the clock, so the
/// same decision read in another interleaving after a handover carries the same `ce_id`.
///
/// | Event | Id | Why it is unique |
/// |---|---|---|
/// | assessment | `change/assessment/<project>/<request>/r<revision>` | a revision is assessed once |
/// | escalation | `change/assessment/<project>/<request>/r<revision>/sponsor` | a revision is escalated at most once |
/// | decision | `change/decision/<project>/<request>/r<revision>/<outcome>` | a revision is decided once |
/// | refusal | `change/refusal/<project>/<refused ce_id>@<refused ce_source>` | an input is refused at most once |
/// | re-baseline | `change/rebaseline/<project>/b<baseline revision>` | each baseline revision is set once |
/// | reminder | `change/reminder/<project>/<request>/r<revision>/<route>/<n>` | reminder n of a vote is issued once |
public enum ChangeEventIdentity {
    /// The id of `event`, or `nil` for an event type change control does not emit.
    public static func id(of event: any PMOEvent) -> String? {
        switch event {
        case let assessment as ChangeAssessmentCompleted:
            let base = "change/assessment/\(assessment.projectId)/\(assessment.changeRequestId)/r\(assessment.changeRequestRevision)"
            return assessment.route == .sponsor ? base + "/sponsor" : base
        case let decision as ChangeDecisionMade:
            if let refusal = decision.refusal {
                return "change/refusal/\(decision.projectId)/\(refusal.refusedEventId)@\(refusal.refusedEventSource)"
            }
            return "change/decision/\(decision.projectId)/\(decision.changeRequestId)/r\(decision.changeRequestRevision)/\(decision.outcome.rawValue)"
        case let rebaseline as ProjectRebaselined:
            return "change/rebaseline/\(rebaseline.projectId)/b\(rebaseline.baselineRevision)"
        case let reminder as ChangeVoteReminderIssued:
            return "change/reminder/\(reminder.projectId)/\(reminder.changeRequestId)/r\(reminder.changeRequestRevision)/\(reminder.route.rawValue)/\(reminder.reminder)"
        default:
            return nil
        }
    }
}
