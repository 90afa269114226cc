import Foundation
import PMOModel
import ServiceRuntime

/// Planning's use of the shared holding rules (``InputHolding``): what processing and refusing an
/// input mean here. A charter is never refused: it is applied however late it comes.
extension PlanningDesk {
    /// Processes `input`, holding it when it is early; after any change, retries the held inputs,
    /// so a charter releases the plan that waited for it and a plan the verdicts that overtook it.
    func accept(_ input: PlanningInput, _ planningCase: inout PlanningCase, policy: PolicyPublished,
                roster: RosterPublished, now: Date) -> [any PMOEvent] {
        holding.accept(input, &planningCase, now: now, process: processing(policy, roster, now), refusal: refusing(policy, now))
    }

    /// Processes the inputs that waited for the reference data, refusing those that waited too long.
    func replayWaiting(_ planningCase: inout PlanningCase, policy: PolicyPublished, roster: RosterPublished,
                       now: Date) -> [any PMOEvent] {
        holding.replayWaiting(&planningCase, now: now, process: processing(policy, roster, now), refusal: refusing(policy, now))
    }

    /// While the reference data is incomplete, refuses the waiting inputs that waited too long or
    /// beyond the limit, once a policy is known.
    func expireWaiting(_ planningCase: inout PlanningCase, policy: PolicyPublished?, now: Date) -> [any PMOEvent] {
        holding.expireWaiting(&planningCase, now: now, refusal: policy.map { refusing($0, now) })
    }

    /// Refuses the held inputs whose hold period is over with the reason they were held.
    func expireHeld(_ planningCase: inout PlanningCase, policy: PolicyPublished, roster: RosterPublished,
                    now: Date) -> [any PMOEvent] {
        holding.expireHeld(&planningCase, now: now, process: processing(policy, roster, now), refusal: refusing(policy, now))
    }

    private func processing(_ policy: PolicyPublished, _ roster: RosterPublished, _ now: Date)
        -> (PlanningInput, inout PlanningCase) -> Disposition {
        { input, planningCase in process(input, &planningCase, policy: policy, roster: roster, now: now) }
    }

    private func refusing(_ policy: PolicyPublished, _ now: Date) -> (PlanningInput, String) -> (any PMOEvent)? {
        { input, reason in refusal(of: input, reason: reason, policyVersion: policy.version, at: now) }
    }
}
