import Foundation
import PMOModel
import ServiceRuntime

/// The intake process for one project, as pure functions from (case, input, reference data, now)
/// to (new case, events): completeness screening, preliminary assessment, the department review
/// gate, chartering, reminders, and a refusal with a reason for every input that does not fit.
///
/// Inputs that arrive before both a policy and a roster are published wait in the case and are
/// processed, in order, as soon as both are known.
public struct IntakeDesk: Sendable {
    /// How long an input that arrived before what it refers to is held before it is refused.
    public var holdPeriod: TimeInterval

    /// A desk holding early inputs for `holdPeriod` seconds (ten minutes by default).
    public init(holdPeriod: TimeInterval = 600) {
        self.holdPeriod = holdPeriod
    }

    /// The new case and what to emit.
    public struct Step: Sendable {
        /// The project's case after the step.
        public var state: IntakeCase
        /// The events to emit, in order.
        public var emissions: [Emission]
    }

    /// What processing an input came to.
    enum Disposition {
        /// Processed; these events follow from it (a refusal is one of them).
        case done([any PMOEvent])
        /// It refers to something that has not arrived yet; the reason applies if it never does.
        case early(reason: String)
    }

    /// Processes one input for its project.
    public func receive(_ input: IntakeInput, state: IntakeCase?, reference: IntakeReference, now: Date) -> Step {
        var intakeCase = state ?? IntakeCase(projectId: input.projectId)
        guard let (policy, roster) = reference.ready else {
            intakeCase.waiting.append(input)
            return Step(state: intakeCase, emissions: [])
        }
        var events = replayWaiting(&intakeCase, policy: policy, roster: roster, now: now).map(\.event)
        events += accept(input, &intakeCase, policy: policy, roster: roster, now: now)
        return Step(state: intakeCase, emissions: events.map(Self.emission))
    }

    /// Time-driven work for one project: waiting inputs once the reference data is known, held
    /// inputs whose hold period is over, overdue-review reminders, and the charter once the
    /// nominated PM is on the roster as a PM. Every emission has the id of what it means, so a
    /// repeated tick cannot emit it twice.
    public func tick(state: IntakeCase, reference: IntakeReference, now: Date) -> Step {
        guard let (policy, roster) = reference.ready else { return Step(state: state, emissions: []) }
        var intakeCase = state
        var emissions = replayWaiting(&intakeCase, policy: policy, roster: roster, now: now).map { Self.emission($0.event) }
        var stillHeld: [HeldInput] = []
        for held in intakeCase.held {
            guard now.timeIntervalSince(held.since) >= holdPeriod else {
                stillHeld.append(held)
                continue
            }
            switch process(held.input, &intakeCase, policy: policy, roster: roster, now: now) {
            case .early(let reason):
                let minutes = String(format: "%.0f", holdPeriod / 60)
                let event = refusal(of: held.input, reason: "\(reason) (held \(minutes) min for it to arrive)",
                                    policyVersion: policy.version, at: now)
                emissions.append(Self.emission(event))
            case .done(let events):
                emissions += events.map(Self.emission)
            }
        }
        intakeCase.held = stillHeld
        guard var dossier = intakeCase.dossier else { return Step(state: intakeCase, emissions: emissions) }
        if let reminder = ReviewReminders.due(dossier, policy: policy, roster: roster, at: now) {
            dossier.remindedRevision = dossier.revision
            emissions.append(Self.emission(reminder))
        }
        if dossier.phase == .awaitingProjectManager, let assessment = dossier.assessment,
           case .charter(let charter) = Chartering.charter(dossier.proposal, assessment: assessment, policy: policy,
                                                           roster: roster, at: now) {
            dossier.phase = .chartered
            dossier.since = now
            emissions.append(Self.emission(charter))
        }
        intakeCase.dossier = dossier
        return Step(state: intakeCase, emissions: emissions)
    }

    /// `event` under the id of what it means (``IntakeEventIdentity``), never one derived from
    /// the input record or the clock: the same decision has the same id in every interleaving.
    static func emission(_ event: any PMOEvent) -> Emission {
        Emission(event, id: IntakeEventIdentity.id(of: event))
    }

    // MARK: Inputs

    /// Processes `input`, holding it when it is early; after any change, retries the held inputs
    /// until none makes progress.
    private func accept(_ input: IntakeInput, _ intakeCase: inout IntakeCase, policy: PolicyPublished,
                        roster: RosterPublished, now: Date) -> [any PMOEvent] {
        switch process(input, &intakeCase, policy: policy, roster: roster, now: now) {
        case .early:
            intakeCase.held.append(HeldInput(input: input, since: now))
            return []
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

    private func replayWaiting(_ intakeCase: inout IntakeCase, policy: PolicyPublished, roster: RosterPublished,
                               now: Date) -> [(event: any PMOEvent, origin: InputOrigin, index: Int)] {
        let waiting = intakeCase.waiting
        intakeCase.waiting = []
        return waiting.flatMap { input in
            accept(input, &intakeCase, policy: policy, roster: roster, now: now).enumerated().map {
                (event: $0.element, origin: input.origin, index: $0.offset)
            }
        }
    }

    func process(_ input: IntakeInput, _ intakeCase: inout IntakeCase, policy: PolicyPublished,
                         roster: RosterPublished, now: Date) -> Disposition {
        switch input {
        case .proposal(let proposal, let origin):
            submit(proposal, origin: origin, &intakeCase, policy: policy, roster: roster, now: now)
        case .review(let review, let origin):
            consider(review, origin: origin, &intakeCase, policy: policy, roster: roster, now: now)
        }
    }

    /// The refusal of `input` with `reason`.
    func refusal(of input: IntakeInput, reason: String, policyVersion: Int, at now: Date) -> IntakeDecisionMade {
        switch input {
        case .proposal(let proposal, let origin):
            Decisions.refusal(of: origin, project: proposal.projectId, revision: proposal.revision,
                              submittedBy: proposal.sponsor, reason: reason, policyVersion: policyVersion, at: now)
        case .review(let review, let origin):
            Decisions.refusal(of: origin, project: review.projectId, revision: review.proposalRevision,
                              submittedBy: review.reviewer, reason: reason, policyVersion: policyVersion, at: now)
        }
    }
}

extension IntakeInput {
    /// The project the input is about (the record key).
    public var projectId: String {
        switch self {
        case .proposal(let proposal, _): proposal.projectId
        case .review(let review, _): review.projectId
        }
    }
}
