import Foundation
import PMOModel
import ServiceRuntime

extension IntakeDesk {
    /// Processes `input`, holding it when it is early (refusing the oldest held input beyond the
    /// limit); after any change, retries the held inputs until none makes progress.
    func accept(_ input: IntakeInput, _ intakeCase: inout IntakeCase, policy: PolicyPublished,
                roster: RosterPublished, now: Date) -> [any PMOEvent] {
        switch process(input, &intakeCase, policy: policy, roster: roster, now: now) {
        case .early:
            intakeCase.held.append(HeldInput(input: input, since: now))
            return refuseExcessHeld(&intakeCase, policy: policy, roster: roster, now: now)
        case .done(var events):
            var progress = true
            while progress {
                progress = false
                for (index, held) in intakeCase.held.enumerated() {
                    if case .done(let more) = process(held.input, &intakeCase, policy: policy, roster: roster, now: now) {
                        intakeCase.held.remove(at: index)
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
    func replayWaiting(_ intakeCase: inout IntakeCase, policy: PolicyPublished, roster: RosterPublished,
                       now: Date) -> [any PMOEvent] {
        let waiting = intakeCase.waiting
        intakeCase.waiting = []
        return waiting.flatMap { waited -> [any PMOEvent] in
            if holding.isOver(since: waited.since, at: now) {
                return [refusal(of: waited.input, reason: holding.noReferenceData, policyVersion: policy.version, at: now)]
            }
            return accept(waited.input, &intakeCase, policy: policy, roster: roster, now: now)
        }
    }

    /// While the reference data is incomplete: once a policy is known, refuses the waiting inputs
    /// whose hold period is over and the oldest beyond the limit. Without a policy nothing can be
    /// refused (a refusal records the policy version), and everything keeps waiting.
    func expireWaiting(_ intakeCase: inout IntakeCase, policy: PolicyPublished?, now: Date) -> [any PMOEvent] {
        guard let policy else { return [] }
        var refused: [any PMOEvent] = []
        var kept: [HeldInput] = []
        for waited in intakeCase.waiting {
            if holding.isOver(since: waited.since, at: now) {
                refused.append(refusal(of: waited.input, reason: holding.noReferenceData, policyVersion: policy.version, at: now))
            } else {
                kept.append(waited)
            }
        }
        while kept.count + intakeCase.held.count > holding.limit, !kept.isEmpty {
            let oldest = kept.removeFirst()
            let reason = holding.excess(InputHolding.waitingReason, project: intakeCase.projectId)
            refused.append(refusal(of: oldest.input, reason: reason, policyVersion: policy.version, at: now))
        }
        intakeCase.waiting = kept
        return refused
    }

    /// Refuses the held inputs whose hold period is over with the reason they were held (or
    /// processes them, should what they refer to have arrived).
    func expireHeld(_ intakeCase: inout IntakeCase, policy: PolicyPublished, roster: RosterPublished,
                    now: Date) -> [any PMOEvent] {
        var events: [any PMOEvent] = []
        var stillHeld: [HeldInput] = []
        for held in intakeCase.held {
            guard holding.isOver(since: held.since, at: now) else {
                stillHeld.append(held)
                continue
            }
            switch process(held.input, &intakeCase, policy: policy, roster: roster, now: now) {
            case .early(let reason):
                events.append(refusal(of: held.input, reason: holding.expired(reason), policyVersion: policy.version, at: now))
            case .done(let more):
                events += more
            }
        }
        intakeCase.held = stillHeld
        return events
    }

    /// Refuses the oldest held inputs beyond the limit, each with the reason it was held.
    private func refuseExcessHeld(_ intakeCase: inout IntakeCase, policy: PolicyPublished, roster: RosterPublished,
                                  now: Date) -> [any PMOEvent] {
        var refused: [any PMOEvent] = []
        while intakeCase.held.count + intakeCase.waiting.count > holding.limit, !intakeCase.held.isEmpty {
            let oldest = intakeCase.held.removeFirst()
            var scratch = intakeCase
            let why: String
            switch process(oldest.input, &scratch, policy: policy, roster: roster, now: now) {
            case .early(let reason): why = reason
            case .done: why = "it arrived before what it refers to"
            }
            let reason = holding.excess(why, project: intakeCase.projectId)
            refused.append(refusal(of: oldest.input, reason: reason, policyVersion: policy.version, at: now))
        }
        return refused
    }
}
