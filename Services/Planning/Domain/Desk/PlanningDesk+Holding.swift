import Foundation
import PMOModel
import ServiceRuntime

extension PlanningDesk {
    /// Processes `input`, holding it when it is early (refusing the oldest kept input beyond the
    /// limit); after any change, retries the held inputs until none makes progress, so a charter
    /// releases the plan that waited for it and a plan the expert reviews that overtook it.
    func accept(_ input: PlanningInput, _ planningCase: inout PlanningCase, policy: PolicyPublished,
                roster: RosterPublished, now: Date) -> [any PMOEvent] {
        switch process(input, &planningCase, policy: policy, roster: roster, now: now) {
        case .early:
            planningCase.held.append(HeldPlanningInput(input: input, since: now))
            return refuseExcess(&planningCase, policy: policy, roster: roster, now: now)
        case .done(var events):
            var progress = true
            while progress {
                progress = false
                for (index, held) in planningCase.held.enumerated() {
                    if case .done(let more) = process(held.input, &planningCase, policy: policy, roster: roster, now: now) {
                        planningCase.held.remove(at: index)
                        events += more
                        progress = true
                        break
                    }
                }
            }
            return events
        }
    }

    /// Processes the inputs that waited for the reference data, in arrival order; those that
    /// waited longer than the hold period are refused instead.
    func replayWaiting(_ planningCase: inout PlanningCase, policy: PolicyPublished, roster: RosterPublished,
                       now: Date) -> [any PMOEvent] {
        let waiting = planningCase.waiting
        planningCase.waiting = []
        var events: [any PMOEvent] = []
        for waited in waiting {
            // A charter is applied however late it comes: it is intake's decision, not a request.
            if holding.isOver(since: waited.since, at: now),
               let refusal = refusal(of: waited.input, reason: holding.noReferenceData, policyVersion: policy.version, at: now) {
                events.append(refusal)
            } else {
                events += accept(waited.input, &planningCase, policy: policy, roster: roster, now: now)
            }
        }
        return events
    }

    /// While the reference data is incomplete: once a policy is known, refuses the waiting inputs
    /// whose hold period is over, and the oldest beyond the limit. Charters keep waiting: they
    /// are never refused. Without a policy nothing can be refused (a refusal records the policy
    /// version).
    func expireWaiting(_ planningCase: inout PlanningCase, policy: PolicyPublished?, now: Date) -> [any PMOEvent] {
        guard let policy else { return [] }
        var refused: [any PMOEvent] = []
        var kept: [HeldPlanningInput] = []
        for waited in planningCase.waiting {
            if holding.isOver(since: waited.since, at: now),
               let refusal = refusal(of: waited.input, reason: holding.noReferenceData, policyVersion: policy.version, at: now) {
                refused.append(refusal)
            } else {
                kept.append(waited)
            }
        }
        while kept.count + planningCase.held.count > holding.limit,
              let oldest = kept.firstIndex(where: { !$0.input.isCharter }) {
            let input = kept.remove(at: oldest).input
            let reason = holding.excess(InputHolding.waitingReason, project: planningCase.projectId)
            refused += refusal(of: input, reason: reason, policyVersion: policy.version, at: now).map { [$0] } ?? []
        }
        planningCase.waiting = kept
        return refused
    }

    /// Refuses the held inputs whose hold period is over with the reason they were held (or
    /// processes them, should what they refer to have arrived).
    func expireHeld(_ planningCase: inout PlanningCase, policy: PolicyPublished, roster: RosterPublished,
                    now: Date) -> [any PMOEvent] {
        var events: [any PMOEvent] = []
        var stillHeld: [HeldPlanningInput] = []
        for held in planningCase.held {
            guard holding.isOver(since: held.since, at: now) else {
                stillHeld.append(held)
                continue
            }
            switch process(held.input, &planningCase, policy: policy, roster: roster, now: now) {
            case .early(let reason):
                events += refusal(of: held.input, reason: holding.expired(reason), policyVersion: policy.version, at: now)
                    .map { [$0] } ?? []
            case .done(let more):
                events += more
            }
        }
        planningCase.held = stillHeld
        return events
    }

    /// Refuses the oldest held inputs beyond the limit, each with the reason it was held.
    private func refuseExcess(_ planningCase: inout PlanningCase, policy: PolicyPublished, roster: RosterPublished,
                              now: Date) -> [any PMOEvent] {
        var refused: [any PMOEvent] = []
        while planningCase.held.count + planningCase.waiting.count > holding.limit, !planningCase.held.isEmpty {
            let oldest = planningCase.held.removeFirst()
            var scratch = planningCase
            let why: String
            switch process(oldest.input, &scratch, policy: policy, roster: roster, now: now) {
            case .early(let reason): why = reason
            case .done: why = "it arrived before what it refers to"
            }
            let reason = holding.excess(why, project: planningCase.projectId)
            refused += refusal(of: oldest.input, reason: reason, policyVersion: policy.version, at: now).map { [$0] } ?? []
        }
        return refused
    }
}
