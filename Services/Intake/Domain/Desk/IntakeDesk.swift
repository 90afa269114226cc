import Foundation
import PMOModel
import ServiceRuntime

/// The intake process for one project, as pure functions from (case, input, reference data, now)
/// to (new case, events): completeness screening, preliminary assessment, the department review
/// gate, chartering, reminders, and a refusal with a reason for every input that does not fit.
///
/// Inputs that arrive before both a policy and a roster are published wait in the case and are
/// processed, in order, as soon as both are known; inputs that arrive before what they refer to
/// are held. Both are bounded by ``InputHolding``. Every emission carries the id of what it means
/// (``IntakeEventIdentity``), and a decided proposal keeps only what ``DossierRetention`` says.
public struct IntakeDesk: InputDesk {
    /// How long and how many early inputs are kept per project.
    public var holding: InputHolding

    /// A desk holding early inputs for `holdPeriod` seconds (ten minutes by default), at most
    /// `heldInputLimit` per project (32 by default).
    public init(holdPeriod: TimeInterval = InputHolding.defaultPeriod, heldInputLimit: Int = InputHolding.defaultLimit) {
        holding = InputHolding(period: holdPeriod, limit: heldInputLimit, service: "intake")
    }

    /// How long an input that arrived before what it refers to is held before it is refused.
    public var holdPeriod: TimeInterval { holding.period }

    /// The new case and what to emit.
    public struct Step: Sendable {
        /// The project's case after the step.
        public var state: IntakeCase
        /// The events to emit, in order, each with the id of what it means.
        public var emissions: [Emission]
    }

    /// What processing an input came to: done with its events, or early with the reason.
    public typealias Disposition = KeptInputDisposition<any PMOEvent>

    /// Processes one input for its project.
    public func receive(_ input: IntakeInput, state: IntakeCase?, reference: IntakeReference, now: Date) -> Step {
        var intakeCase = state ?? IntakeCase(projectId: input.projectId)
        let events = admit(input, into: &intakeCase, reference: reference, now: now)
        return step(intakeCase, events)
    }

    /// Time-driven work for one project: waiting inputs once the reference data is known, held and
    /// waiting inputs whose hold period is over, overdue-review reminders, and the charter once
    /// the nominated PM is on the roster as a PM. Every emission has the id of what it means, so a
    /// repeated tick cannot emit it twice.
    public func tick(state: IntakeCase, reference: IntakeReference, now: Date) -> Step {
        var intakeCase = state
        var (events, ready) = tickKept(&intakeCase, reference: reference, now: now)
        guard let (policy, roster) = ready else { return step(intakeCase, events) }
        guard var dossier = intakeCase.dossier else { return step(intakeCase, events) }
        if dossier.phase == .deferred, let deferral = dossier.deferral, CalendarDate(utcDayOf: now) >= deferral.until {
            // The deferral is over: the proposal resumes where it stood, and its reminder clock restarts.
            dossier.phase = deferral.resumes
            dossier.deferral = nil
            dossier.since = now
            dossier.assessment?.reviewsRequestedAt = now
            dossier.reviewReminders = 0
        }
        if let reminder = ReviewReminders.due(dossier, policy: policy, roster: roster, at: now) {
            dossier.remindedRevision = dossier.revision
            dossier.reviewReminders = reminder.reminder
            events.append(reminder)
        }
        if dossier.phase == .awaitingProjectManager, let assessment = dossier.assessment {
            if case .charter(let charter) = Chartering.charter(dossier.proposal, assessment: assessment, policy: policy, roster: roster,
                                                               appointed: dossier.appointedProjectManager, at: now) {
                dossier.phase = .chartered
                dossier.since = now
                events.append(charter)
            } else if let reminder = AppointmentReminders.due(dossier, policy: policy, roster: roster, at: now) {
                dossier.appointmentReminders = reminder.reminder
                events.append(reminder)
            }
        }
        intakeCase.dossier = dossier
        return step(intakeCase, events)
    }

    /// The step to `intakeCase` emitting `events`: the dossier trimmed to what its phase needs,
    /// each event under the id of what it means.
    private func step(_ intakeCase: IntakeCase, _ events: [any PMOEvent]) -> Step {
        var kept = intakeCase
        kept.dossier = kept.dossier.map(DossierRetention.retained)
        return Step(state: kept, emissions: events.map { Emission($0, id: IntakeEventIdentity.id(of: $0)) })
    }

    /// Decides `input` for its project, or says it is early.
    public func process(_ input: IntakeInput, _ intakeCase: inout IntakeCase, policy: PolicyPublished,
                 roster: RosterPublished, reference: ReferenceData, now: Date) -> Disposition {
        switch input {
        case .proposal(let proposal, let origin):
            submit(proposal, origin: origin, &intakeCase, policy: policy, roster: roster, portfolio: PortfolioView(reference), now: now)
        case .review(let review, let origin):
            consider(review, origin: origin, &intakeCase, policy: policy, roster: roster, now: now)
        case .withdrawal(let withdrawal, let origin):
            withdraw(withdrawal, origin: origin, &intakeCase, policy: policy, now: now)
        case .deferral(let deferral, let origin):
            park(deferral, origin: origin, &intakeCase, policy: policy, now: now)
        case .appeal(let appeal, let origin):
            lodge(appeal, origin: origin, &intakeCase, policy: policy, now: now)
        case .appealRuling(let ruling, let origin):
            rule(on: ruling, origin: origin, &intakeCase, policy: policy, roster: roster, now: now)
        case .appointment(let appointment, let origin):
            appoint(appointment, origin: origin, &intakeCase, policy: policy, roster: roster, now: now)
        }
    }

    /// The refusal of `input` with `reason`.
    public func refusal(of input: IntakeInput, reason: String, policyVersion: Int, at now: Date) -> (any PMOEvent)? {
        Decisions.refusal(of: input.origin, project: input.projectId, revision: input.revision, submittedBy: input.sender,
                          reason: reason, policyVersion: policyVersion, at: now)
    }
}

extension IntakeInput {
    /// The project the input is about (the record key).
    public var projectId: String {
        switch self {
        case .proposal(let proposal, _): proposal.projectId
        case .review(let review, _): review.projectId
        case .withdrawal(let withdrawal, _): withdrawal.projectId
        case .deferral(let deferral, _): deferral.projectId
        case .appeal(let appeal, _): appeal.projectId
        case .appealRuling(let ruling, _): ruling.projectId
        case .appointment(let appointment, _): appointment.projectId
        }
    }

    /// The proposal revision the input names.
    public var revision: Int {
        switch self {
        case .proposal(let proposal, _): proposal.revision
        case .review(let review, _): review.proposalRevision
        case .withdrawal(let withdrawal, _): withdrawal.proposalRevision
        case .deferral(let deferral, _): deferral.proposalRevision
        case .appeal(let appeal, _): appeal.proposalRevision
        case .appealRuling(let ruling, _): ruling.proposalRevision
        case .appointment(let appointment, _): appointment.proposalRevision
        }
    }

    /// Who sent it: the sponsor, the reviewer, the PMO head or analyst.
    public var sender: String {
        switch self {
        case .proposal(let proposal, _): proposal.sponsor
        case .review(let review, _): review.reviewer
        case .withdrawal(let withdrawal, _): withdrawal.withdrawnBy
        case .deferral(let deferral, _): deferral.requestedBy
        case .appeal(let appeal, _): appeal.appellant
        case .appealRuling(let ruling, _): ruling.decidedBy
        case .appointment(let appointment, _): appointment.appointedBy
        }
    }
}
