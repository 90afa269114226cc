import Foundation
import PMOModel
import ServiceRuntime

/// The planning service's domain logic for the runtime: consumes charters, plans and expert
/// reviews keyed by project, reads the policy and the roster as reference data, and emits plan
/// reviews, decisions, baselines and reminders through ``PlanningDesk``.
public struct PlanningProcessor: EventProcessor {
    /// Planning's per-project state.
    public typealias State = PlanningCase
    /// The policy and roster.
    public typealias Reference = ReferenceData

    private let desk: PlanningDesk

    /// The processor; inputs that arrive before what they refer to, or before the policy and
    /// roster, are kept for `holdPeriod` seconds, at most `heldInputLimit` per project.
    public init(holdPeriod: TimeInterval = InputHolding.defaultPeriod, heldInputLimit: Int = InputHolding.defaultLimit) {
        desk = PlanningDesk(holdPeriod: holdPeriod, heldInputLimit: heldInputLimit)
    }

    public var name: String { PMOService.planning.rawValue }
    public var source: String { PMOService.planning.source }
    public var inputTopics: [String] { ["pmo.projects.chartered", "pmo.planning.plans", "pmo.planning.expert-reviews"] }
    public var referenceTopics: [String] { ["pmo.config.policy", "pmo.config.roster"] }
    public var outputTopics: [TopicDefinition] {
        TopicCatalog.outputs(of: .planning).filter { $0.role == .event }.map(TopicDefinition.init)
    }
    public var registry: EventRegistry {
        EventRegistry(types: [PolicyPublished.self, RosterPublished.self, ProjectChartered.self, PlanSubmitted.self,
                              ExpertReviewSubmitted.self, PlanReviewCompleted.self, PlanDecisionMade.self,
                              ProjectBaselined.self, ExpertReviewReminderIssued.self])
    }
    public var initialReference: ReferenceData { ReferenceData() }

    public func apply(reference event: DecodedEvent, to reference: inout ReferenceData) {
        reference.apply(event.event)
    }

    public func handle(_ event: DecodedEvent, state: PlanningCase?, context: ProcessingContext<ReferenceData>) -> Outcome<PlanningCase> {
        let origin = InputOrigin(id: event.attributes.id, source: event.attributes.source, type: event.attributes.type)
        let input: PlanningInput
        switch event.event {
        case let charter as ProjectChartered: input = .charter(charter, origin)
        case let plan as PlanSubmitted: input = .plan(plan, origin)
        case let review as ExpertReviewSubmitted: input = .expertReview(review, origin)
        default: return .unchanged(state)
        }
        let step = desk.receive(input, state: state, reference: context.reference, now: context.now)
        return Outcome(state: step.state, emissions: step.emissions)
    }

    public func tick(state: PlanningCase, context: ProcessingContext<ReferenceData>) -> Outcome<PlanningCase> {
        let step = desk.tick(state: state, reference: context.reference, now: context.now)
        return Outcome(state: step.state, emissions: step.emissions)
    }
}
