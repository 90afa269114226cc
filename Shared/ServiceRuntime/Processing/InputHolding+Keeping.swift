import Foundation

/// The holding rules of ``InputHolding`` applied to a project's state, for any service whose
/// desk processes one input at a time: `process` decides an input (or says it is early) and
/// `refusal` builds the refusal of an input with a reason, or `nil` for an input that is never
/// refused (planning's charters).
extension InputHolding {
    /// Processes `input`, holding it when it is early (refusing the oldest kept input beyond the
    /// limit); after any change, retries the held inputs until none makes progress.
    public func accept<State: KeepsInputs, Event>(
        _ input: State.Input, _ state: inout State, now: Date,
        process: (State.Input, inout State) -> KeptInputDisposition<Event>,
        refusal: (State.Input, String) -> Event?
    ) -> [Event] {
        switch process(input, &state) {
        case .early:
            state.held.append(KeptInput(input: input, since: now))
            return refuseExcessHeld(&state, process: process, refusal: refusal)
        case .done(var events):
            var progress = true
            while progress {
                progress = false
                for (index, held) in state.held.enumerated() {
                    if case .done(let more) = process(held.input, &state) {
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
    public func replayWaiting<State: KeepsInputs, Event>(
        _ state: inout State, now: Date,
        process: (State.Input, inout State) -> KeptInputDisposition<Event>,
        refusal: (State.Input, String) -> Event?
    ) -> [Event] {
        let waiting = state.waiting
        state.waiting = []
        var events: [Event] = []
        for waited in waiting {
            if isOver(since: waited.since, at: now), let refused = refusal(waited.input, noReferenceData) {
                events.append(refused)
            } else {
                events += accept(waited.input, &state, now: now, process: process, refusal: refusal)
            }
        }
        return events
    }

    /// While the reference data is incomplete: refuses the waiting inputs whose hold period is
    /// over, and the oldest refusable ones beyond the limit. `refusal` is `nil` while no policy is
    /// known: a refusal records the policy version, so then nothing can be refused and
    /// everything keeps waiting.
    public func expireWaiting<State: KeepsInputs, Event>(
        _ state: inout State, now: Date, refusal: ((State.Input, String) -> Event?)?
    ) -> [Event] {
        guard let refusal else { return [] }
        var refused: [Event] = []
        var kept: [KeptInput<State.Input>] = []
        for waited in state.waiting {
            if isOver(since: waited.since, at: now), let event = refusal(waited.input, noReferenceData) {
                refused.append(event)
            } else {
                kept.append(waited)
            }
        }
        let reason = excess(Self.waitingReason, project: state.projectId)
        while kept.count + state.held.count > limit,
              let oldest = kept.firstIndex(where: { refusal($0.input, reason) != nil }),
              let event = refusal(kept.remove(at: oldest).input, reason) {
            refused.append(event)
        }
        state.waiting = kept
        return refused
    }

    /// Refuses the held inputs whose hold period is over with the reason they were held (or
    /// processes them, should what they refer to have arrived).
    public func expireHeld<State: KeepsInputs, Event>(
        _ state: inout State, now: Date,
        process: (State.Input, inout State) -> KeptInputDisposition<Event>,
        refusal: (State.Input, String) -> Event?
    ) -> [Event] {
        var events: [Event] = []
        var stillHeld: [KeptInput<State.Input>] = []
        for held in state.held {
            guard isOver(since: held.since, at: now) else {
                stillHeld.append(held)
                continue
            }
            switch process(held.input, &state) {
            case .early(let reason):
                events += refusal(held.input, expired(reason)).map { [$0] } ?? []
            case .done(let more):
                events += more
            }
        }
        state.held = stillHeld
        return events
    }

    /// Refuses the oldest held inputs beyond the limit, each with the reason it was held.
    private func refuseExcessHeld<State: KeepsInputs, Event>(
        _ state: inout State,
        process: (State.Input, inout State) -> KeptInputDisposition<Event>,
        refusal: (State.Input, String) -> Event?
    ) -> [Event] {
        var refused: [Event] = []
        while state.held.count + state.waiting.count > limit, !state.held.isEmpty {
            let oldest = state.held.removeFirst()
            var scratch = state
            let why: String
            switch process(oldest.input, &scratch) {
            case .early(let reason): why = reason
            case .done: why = "it arrived before what it refers to"
            }
            refused += refusal(oldest.input, excess(why, project: state.projectId)).map { [$0] } ?? []
        }
        return refused
    }
}
