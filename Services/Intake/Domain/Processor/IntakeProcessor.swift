import Foundation
import PMOModel
import ServiceRuntime

/// The intake service's domain logic for the runtime: consumes proposals and reviews keyed by
/// project, reads the policy and the roster as reference data, and emits assessments, decisions,
/// charters and reminders through ``IntakeDesk``.
public struct IntakeProcessor: EventProcessor {
    /// Intake's per-project state.
    public typealias State = IntakeCase
    /// The policy and roster.
    public typealias Reference = IntakeReference

    private let desk: IntakeDesk

    /// The processor; inputs that arrive before what they refer to, or before the policy and
    /// roster, are kept for `holdPeriod` seconds, at most `heldInputLimit` per project
    /// (``InputHolding``).
    public init(holdPeriod: TimeInterval = InputHolding.defaultPeriod, heldInputLimit: Int = InputHolding.defaultLimit) {
        desk = IntakeDesk(holdPeriod: holdPeriod, heldInputLimit: heldInputLimit)
    }

    public var name: String { PMOService.intake.rawValue }
    public var source: String { PMOService.intake.source }
    public var inputTopics: [String] { ["pmo.intake.proposals", "pmo.intake.reviews", "pmo.intake.appointments"] }
    public var referenceTopics: [String] {
        ["pmo.config.policy", "pmo.config.roster", "pmo.resources.allocations", "pmo.portfolio.summary"]
    }
    public var outputTopics: [TopicDefinition] {
        TopicCatalog.outputs(of: .intake).filter { $0.role == .event }.map(TopicDefinition.init)
    }
    public var registry: EventRegistry {
        EventRegistry(types: [PolicyPublished.self, RosterPublished.self, AllocationRequested.self, AllocationReleased.self,
                              PortfolioSummaryPublished.self, ProposalSubmitted.self, ReviewSubmitted.self,
                              AssessmentCompleted.self, IntakeDecisionMade.self, ProjectChartered.self,
                              ReviewReminderIssued.self, ProposalWithdrawn.self, DeferralRequested.self,
                              AppealSubmitted.self, AppealDecided.self, ProjectManagerAppointed.self,
                              AppointmentReminderIssued.self])
    }
    public var initialReference: IntakeReference { IntakeReference() }

    public func apply(reference event: DecodedEvent, to reference: inout IntakeReference) {
        reference.apply(event.event)
    }

    public func handle(_ event: DecodedEvent, state: IntakeCase?, context: ProcessingContext<IntakeReference>) -> Outcome<IntakeCase> {
        let origin = InputOrigin(id: event.attributes.id, source: event.attributes.source, type: event.attributes.type)
        guard let input = IntakeInput(event.event, origin: origin) else { return .unchanged(state) }
        let step = desk.receive(input, state: state, reference: context.reference, now: context.now)
        return Outcome(state: step.state, emissions: step.emissions)
    }

    public func tick(state: IntakeCase, context: ProcessingContext<IntakeReference>) -> Outcome<IntakeCase> {
        let step = desk.tick(state: state, reference: context.reference, now: context.now)
        return Outcome(state: step.state, emissions: step.emissions)
    }
}
