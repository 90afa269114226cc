import PMOModel

/// One decision, one id: the CloudEvents id of everything planning emits is derived from what the
/// event means, never from the input record that triggered it or from the clock, so the same
/// decision read in another interleaving after a handover carries the same `ce_id`.
///
/// | Event | Id | Why it is unique |
/// |---|---|---|
/// | review | `planning/review/<project>/r<revision>` | a revision is accepted, hence reviewed, once |
/// | decision | `planning/decision/<project>/r<revision>/<outcome>` | a revision is decided once |
/// | refusal | `planning/refusal/<project>/<refused ce_id>@<refused ce_source>` | an input is refused at most once |
/// | baseline | `planning/baseline/<project>` | a project is baselined once by planning |
/// | reminder | `planning/reminder/<project>/r<revision>/<n>` | reminder n of a revision is issued once |
public enum PlanningEventIdentity {
    /// The id of `event`, or `nil` for an event type planning does not emit.
    public static func id(of event: any PMOEvent) -> String? {
        switch event {
        case let review as PlanReviewCompleted:
            return "planning/review/\(review.projectId)/r\(review.planRevision)"
        case let decision as PlanDecisionMade:
            if let refusal = decision.refusal {
                return "planning/refusal/\(decision.projectId)/\(refusal.refusedEventId)@\(refusal.refusedEventSource)"
            }
            return "planning/decision/\(decision.projectId)/r\(decision.planRevision)/\(decision.outcome.rawValue)"
        case let baseline as ProjectBaselined:
            return "planning/baseline/\(baseline.projectId)"
        case let reminder as ExpertReviewReminderIssued:
            return "planning/reminder/\(reminder.projectId)/r\(reminder.planRevision)/\(reminder.reminder)"
        default:
            return nil
        }
    }
}
