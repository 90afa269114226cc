import Foundation
import PMOModel

/// A service's desk that decides one input of a project at a time against the policy and the
/// roster, keeping inputs it cannot decide yet under the rules of ``InputHolding``: those that
/// arrive before the reference data wait, those that arrive before what they refer to are held.
///
/// A desk says what deciding and refusing an input mean; the holding itself (waiting, holding,
/// retrying after every change, refusing after the hold period or beyond the limit) is the same
/// for every service and lives in this protocol's extension.
public protocol InputDesk: Sendable {
    /// The project's state, with its kept inputs.
    associatedtype Case: KeepsInputs

    /// How long and how many inputs are kept per project.
    var holding: InputHolding { get }

    /// Decides `input` for its project, or says it is early (and why). `policy` and `roster` are
    /// `reference`'s, known to be there; `reference` carries whatever else the service reads as
    /// reference data (intake: the allocations and the portfolio summary).
    func process(_ input: Case.Input, _ state: inout Case, policy: PolicyPublished, roster: RosterPublished,
                 reference: ReferenceData, now: Date) -> KeptInputDisposition<any PMOEvent>

    /// The refusal of `input` with `reason` under policy version `policyVersion`, or `nil` for an
    /// input that is never refused (planning's charters: applied however late).
    func refusal(of input: Case.Input, reason: String, policyVersion: Int, at now: Date) -> (any PMOEvent)?
}

extension InputDesk {
    /// Takes in `input`: it waits while the policy or the roster is missing (refusing waiting
    /// inputs that waited too long once a policy is known); otherwise the waiting inputs are
    /// decided first, then `input`, holding it when it is early.
    @inlinable public func admit(_ input: Case.Input, into state: inout Case, reference: ReferenceData, now: Date) -> [any PMOEvent] {
        guard let (policy, roster) = reference.ready else {
            state.waiting.append(KeptInput(input: input, since: now))
            return expireWaiting(&state, policy: reference.policy, now: now)
        }
        return replayWaiting(&state, policy: policy, roster: roster, reference: reference, now: now)
            + accept(input, &state, policy: policy, roster: roster, reference: reference, now: now)
    }

    /// The kept inputs' share of a tick: waiting inputs once the reference data is known, held
    /// and waiting inputs whose hold period is over. Returns the events and, when both are
    /// known, the policy and roster for the rest of the tick.
    @inlinable public func tickKept(_ state: inout Case, reference: ReferenceData, now: Date)
        -> (events: [any PMOEvent], reference: (policy: PolicyPublished, roster: RosterPublished)?) {
        guard let (policy, roster) = reference.ready else {
            return (expireWaiting(&state, policy: reference.policy, now: now), nil)
        }
        let events = replayWaiting(&state, policy: policy, roster: roster, reference: reference, now: now)
            + expireHeld(&state, policy: policy, roster: roster, reference: reference, now: now)
        return (events, (policy, roster))
    }

    /// Processes `input`, holding it when it is early (refusing the oldest kept input beyond the
    /// limit); after any change, retries the held inputs until none makes progress.
    @inlinable func accept(_ input: Case.Input, _ state: inout Case, policy: PolicyPublished, roster: RosterPublished, reference: ReferenceData,
                now: Date) -> [any PMOEvent] {
        switch process(input, &state, policy: policy, roster: roster, reference: reference, now: now) {
        case .early:
            state.held.append(KeptInput(input: input, since: now))
            return refuseExcessHeld(&state, policy: policy, roster: roster, reference: reference, now: now)
        case .done(var events):
            var progress = true
            while progress {
                progress = false
                for (index, held) in state.held.enumerated() {
                    if case .done(let more) = process(held.input, &state, policy: policy, roster: roster, reference: reference, now: now) {
                        state.held.remove(at: index)
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
    /// waited longer than the hold period are refused instead (those that cannot be refused are
    /// processed however late).
    @inlinable func replayWaiting(_ state: inout Case, policy: PolicyPublished, roster: RosterPublished, reference: ReferenceData, now: Date) -> [any PMOEvent] {
        let waiting = state.waiting
        state.waiting = []
        var events: [any PMOEvent] = []
        for waited in waiting {
            if holding.isOver(since: waited.since, at: now),
               let refused = refusal(of: waited.input, reason: holding.noReferenceData, policyVersion: policy.version, at: now) {
                events.append(refused)
            } else {
                events += accept(waited.input, &state, policy: policy, roster: roster, reference: reference, now: now)
            }
        }
        return events
    }

    /// While the reference data is incomplete: refuses the waiting inputs whose hold period is
    /// over, and the oldest refusable ones beyond the limit. Without a policy nothing can be
    /// refused (a refusal records the policy version) and everything keeps waiting.
    @inlinable func expireWaiting(_ state: inout Case, policy: PolicyPublished?, now: Date) -> [any PMOEvent] {
        guard let policy else { return [] }
        func refuse(_ input: Case.Input, _ reason: String) -> (any PMOEvent)? {
            refusal(of: input, reason: reason, policyVersion: policy.version, at: now)
        }
        var refused: [any PMOEvent] = []
        var kept: [KeptInput<Case.Input>] = []
        for waited in state.waiting {
            if holding.isOver(since: waited.since, at: now), let event = refuse(waited.input, holding.noReferenceData) {
                refused.append(event)
            } else {
                kept.append(waited)
            }
        }
        let reason = holding.excess(InputHolding.waitingReason, project: state.projectId)
        while kept.count + state.held.count > holding.limit,
              let oldest = kept.firstIndex(where: { refuse($0.input, reason) != nil }),
              let event = refuse(kept.remove(at: oldest).input, reason) {
            refused.append(event)
        }
        state.waiting = kept
        return refused
    }

    /// Refuses the held inputs whose hold period is over with the reason they were held (or
    /// processes them, should what they refer to have arrived).
    @inlinable func expireHeld(_ state: inout Case, policy: PolicyPublished, roster: RosterPublished, reference: ReferenceData, now: Date) -> [any PMOEvent] {
        var events: [any PMOEvent] = []
        var stillHeld: [KeptInput<Case.Input>] = []
        for held in state.held {
            guard holding.isOver(since: held.since, at: now) else {
                stillHeld.append(held)
                continue
            }
            switch process(held.input, &state, policy: policy, roster: roster, reference: reference, now: now) {
            case .early(let reason):
                events += refusal(of: held.input, reason: holding.expired(reason), policyVersion: policy.version, at: now)
                    .map { [$0] } ?? []
            case .done(let more):
                events += more
            }
        }
        state.held = stillHeld
        return events
    }

    /// Refuses the oldest held inputs beyond the limit, each with the reason it was held.
    @inlinable func refuseExcessHeld(_ state: inout Case, policy: PolicyPublished, roster: RosterPublished, reference: ReferenceData,
                                  now: Date) -> [any PMOEvent] {
        var refused: [any PMOEvent] = []
        while state.held.count + state.waiting.count > holding.limit, !state.held.isEmpty {
            let oldest = state.held.removeFirst()
            var scratch = state
            let why: String
            switch process(oldest.input, &scratch, policy: policy, roster: roster, reference: reference, now: now) {
            case .early(let reason): why = reason
            case .done: why = "it arrived before what it refers to"
            }
            refused += refusal(of: oldest.input, reason: holding.excess(why, project: state.projectId),
                               policyVersion: policy.version, at: now).map { [$0] } ?? []
        }
        return refused
    }
}
