import Foundation
import PMOModel
import ServiceRuntime

/// Intake's use of the shared holding rules (``InputHolding``): what processing and refusing an
/// input mean here.
extension IntakeDesk {
    /// Processes `input`, holding it when it is early; after any change, retries the held inputs.
    func accept(_ input: IntakeInput, _ intakeCase: inout IntakeCase, policy: PolicyPublished,
                roster: RosterPublished, now: Date) -> [any PMOEvent] {
        holding.accept(input, &intakeCase, now: now, process: processing(policy, roster, now), refusal: refusing(policy, now))
    }

    /// Processes the inputs that waited for the reference data, refusing those that waited too long.
    func replayWaiting(_ intakeCase: inout IntakeCase, policy: PolicyPublished, roster: RosterPublished,
                       now: Date) -> [any PMOEvent] {
        holding.replayWaiting(&intakeCase, now: now, process: processing(policy, roster, now), refusal: refusing(policy, now))
    }

    /// While the reference data is incomplete, refuses the waiting inputs that waited too long or
    /// beyond the limit, once a policy is known.
    func expireWaiting(_ intakeCase: inout IntakeCase, policy: PolicyPublished?, now: Date) -> [any PMOEvent] {
        holding.expireWaiting(&intakeCase, now: now, refusal: policy.map { refusing($0, now) })
    }

    /// Refuses the held inputs whose hold period is over with the reason they were held.
    func expireHeld(_ intakeCase: inout IntakeCase, policy: PolicyPublished, roster: RosterPublished,
                    now: Date) -> [any PMOEvent] {
        holding.expireHeld(&intakeCase, now: now, process: processing(policy, roster, now), refusal: refusing(policy, now))
    }

    private func processing(_ policy: PolicyPublished, _ roster: RosterPublished, _ now: Date)
        -> (IntakeInput, inout IntakeCase) -> Disposition {
        { input, intakeCase in process(input, &intakeCase, policy: policy, roster: roster, now: now) }
    }

    private func refusing(_ policy: PolicyPublished, _ now: Date) -> (IntakeInput, String) -> (any PMOEvent)? {
        { input, reason in refusal(of: input, reason: reason, policyVersion: policy.version, at: now) }
    }
}
