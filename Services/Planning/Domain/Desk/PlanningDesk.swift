import Foundation
import PMOModel
import ServiceRuntime

/// The planning review for one project, as pure functions from (case, input, reference data, now)
/// to (new case, events): the plan review (``PlanReview``), the expert review
/// (``ExpertReviewGate``), the decision and the baseline, reminders for overdue expert reviews,
/// and a refusal with a reason for every input that does not fit.
///
/// Inputs that arrive before both a policy and a roster are published wait in the case; inputs
/// that arrive before what they refer to (a plan before its charter, an expert review before its
/// plan revision) are held. Both are bounded by ``InputHolding``. Every emission carries the id of
/// what it means (``PlanningEventIdentity``).
public struct PlanningDesk: InputDesk {
    /// How long and how many early inputs are kept per project.
    public var holding: InputHolding

    /// A desk holding early inputs for `holdPeriod` seconds, at most `heldInputLimit` per project.
    public init(holdPeriod: TimeInterval = InputHolding.defaultPeriod, heldInputLimit: Int = InputHolding.defaultLimit) {
        holding = InputHolding(period: holdPeriod, limit: heldInputLimit, service: "planning")
    }

    /// The new case and what to emit.
    public struct Step: Sendable {
        /// The project's case after the step.
        public var state: PlanningCase
        /// The events to emit, in order, each with the id of what it means.
        public var emissions: [Emission]
    }

    /// What processing an input came to: done with its events, or early with the reason.
    public typealias Disposition = KeptInputDisposition<any PMOEvent>

    /// Processes one input for its project.
    public func receive(_ input: PlanningInput, state: PlanningCase?, reference: ReferenceData, now: Date) -> Step {
        var planningCase = state ?? PlanningCase(projectId: input.projectId)
        let events = admit(input, into: &planningCase, reference: reference, now: now)
        return step(planningCase, events)
    }

    /// Time-driven work for one project: waiting inputs once the reference data is known, held and
    /// waiting inputs whose hold period is over, and a reminder when an expert review is overdue
    /// by one more reminder period.
    public func tick(state: PlanningCase, reference: ReferenceData, now: Date) -> Step {
        var planningCase = state
        var (events, ready) = tickKept(&planningCase, reference: reference, now: now)
        guard let (policy, roster) = ready else { return step(planningCase, events) }
        if case .underExpertReview(var gate) = planningCase.phase,
           let reminder = ExpertReviewReminders.due(gate, policy: policy, roster: roster, at: now) {
            gate.remindersIssued = reminder.reminder
            planningCase.phase = .underExpertReview(gate)
            events.append(reminder)
        }
        return step(planningCase, events)
    }

    private func step(_ planningCase: PlanningCase, _ events: [any PMOEvent]) -> Step {
        Step(state: planningCase, emissions: events.map { Emission($0, id: PlanningEventIdentity.id(of: $0)) })
    }

    /// Decides `input` for its project, or says it is early.
    public func process(_ input: PlanningInput, _ planningCase: inout PlanningCase, policy: PolicyPublished,
                 roster: RosterPublished, reference: ReferenceData, now: Date) -> Disposition {
        switch input {
        case .charter(let charter, _):
            // A project has one charter; a copy (a replay, a retried publication) changes nothing.
            if planningCase.charter == nil { planningCase.charter = charter }
            return .done([])
        case .plan(let plan, let origin):
            return submit(plan, origin: origin, &planningCase, policy: policy, roster: roster, now: now)
        case .expertReview(let review, let origin):
            return consider(review, origin: origin, &planningCase, policy: policy, roster: roster, now: now)
        }
    }

    /// The refusal of `input` with `reason`; a charter is never refused (it only ever completes
    /// the case), so it has none.
    public func refusal(of input: PlanningInput, reason: String, policyVersion: Int, at now: Date) -> (any PMOEvent)? {
        switch input {
        case .charter:
            nil
        case .plan(let plan, let origin):
            PlanDecisions.refusal(of: origin, project: plan.projectId, revision: plan.revision,
                                  submittedBy: plan.submittedBy, reason: reason, policyVersion: policyVersion, at: now)
        case .expertReview(let review, let origin):
            PlanDecisions.refusal(of: origin, project: review.projectId, revision: review.planRevision,
                                  submittedBy: review.expert, reason: reason, policyVersion: policyVersion, at: now)
        }
    }
}
