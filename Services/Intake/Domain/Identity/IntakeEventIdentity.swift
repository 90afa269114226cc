import PMOModel

/// One decision, one id: the CloudEvents id of everything intake emits is derived from what the
/// event means, never from the input record that happened to trigger it or from the clock.
///
/// Proposals and reviews travel on different, co-partitioned topics, so after a handover they can
/// be read in another interleaving than the first time; the same decision then still carries the
/// same `ce_id`, and consumers' deduplication on (`ce_source`, `ce_id`) removes the copy.
///
/// | Event | Id | Why it is unique |
/// |---|---|---|
/// | assessment | `intake/assessment/<project>/r<revision>` | a revision is accepted, hence assessed, once |
/// | gate decision | `intake/decision/<project>/r<revision>/<outcome>` | a revision is decided once; a resubmission is a new revision |
/// | refusal | `intake/refusal/<project>/<refused ce_id>@<refused ce_source>` | an input is refused at most once |
/// | charter | `intake/charter/<project>` | approval and chartering are final: a project has one charter |
/// | reminder | `intake/reminder/<project>/r<revision>` | one reminder per revision |
public enum IntakeEventIdentity {
    /// The id of `event`, or `nil` for an event type intake does not emit (the runtime then
    /// derives one from the input record).
    public static func id(of event: any PMOEvent) -> String? {
        switch event {
        case let assessment as AssessmentCompleted:
            return "intake/assessment/\(assessment.projectId)/r\(assessment.proposalRevision)"
        case let decision as IntakeDecisionMade:
            if let refusal = decision.refusal {
                return "intake/refusal/\(decision.projectId)/\(refusal.refusedEventId)@\(refusal.refusedEventSource)"
            }
            if let verdict = decision.appealVerdict {
                return "intake/decision/\(decision.projectId)/r\(decision.proposalRevision)/appeal-\(verdict.rawValue)"
            }
            if let until = decision.deferredUntil {
                return "intake/decision/\(decision.projectId)/r\(decision.proposalRevision)/deferred-\(until)"
            }
            return "intake/decision/\(decision.projectId)/r\(decision.proposalRevision)/\(decision.outcome.rawValue)"
        case let charter as ProjectChartered:
            return "intake/charter/\(charter.projectId)"
        case let reminder as ReviewReminderIssued:
            let base = "intake/reminder/\(reminder.projectId)/r\(reminder.proposalRevision)"
            return (reminder.reminder ?? 1) > 1 ? base + "/\(reminder.reminder ?? 1)" : base
        case let reminder as AppointmentReminderIssued:
            return "intake/appointment-reminder/\(reminder.projectId)/r\(reminder.proposalRevision)/\(reminder.reminder)"
        default:
            return nil
        }
    }
}
