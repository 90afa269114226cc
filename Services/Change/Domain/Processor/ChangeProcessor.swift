import Foundation
import PMOModel
import ServiceRuntime

/// The change control service's domain logic for the runtime: consumes charters, baselines,
/// re-baselines, change requests and votes keyed by project, reads the policy and the roster as
/// reference data, and emits assessments, decisions, re-baselines and reminders through
/// ``ChangeDesk``.
public struct ChangeProcessor: EventProcessor {
    /// Change control's per-project state.
    public typealias State = ChangeCase
    /// The policy and roster.
    public typealias Reference = ReferenceData

    private let desk: ChangeDesk

    /// The processor; inputs that arrive before what they refer to, or before the policy and
    /// roster, are kept for `holdPeriod` seconds, at most `heldInputLimit` per project.
    public init(holdPeriod: TimeInterval = InputHolding.defaultPeriod, heldInputLimit: Int = InputHolding.defaultLimit) {
        desk = ChangeDesk(holdPeriod: holdPeriod, heldInputLimit: heldInputLimit)
    }

    public var name: String { PMOService.change.rawValue }
    public var source: String { PMOService.change.source }
    public var inputTopics: [String] {
        ["pmo.projects.chartered", "pmo.projects.baselined", "pmo.projects.rebaselined", "pmo.change.requests", "pmo.change.votes"]
    }
    public var referenceTopics: [String] { ["pmo.config.policy", "pmo.config.roster"] }
    public var outputTopics: [TopicDefinition] {
        TopicCatalog.outputs(of: .change).filter { $0.role == .event }.map(TopicDefinition.init)
    }
    public var registry: EventRegistry {
        EventRegistry(types: [PolicyPublished.self, RosterPublished.self, ProjectChartered.self, ProjectBaselined.self,
                              ProjectRebaselined.self, ChangeRequestSubmitted.self, VoteCast.self,
                              ChangeAssessmentCompleted.self, ChangeDecisionMade.self, ChangeVoteReminderIssued.self])
    }
    public var initialReference: ReferenceData { ReferenceData() }

    public func apply(reference event: DecodedEvent, to reference: inout ReferenceData) {
        reference.apply(event.event)
    }

    public func handle(_ event: DecodedEvent, state: ChangeCase?, context: ProcessingContext<ReferenceData>) -> Outcome<ChangeCase> {
        let origin = InputOrigin(id: event.attributes.id, source: event.attributes.source, type: event.attributes.type)
        let input: ChangeInput
        switch event.event {
        case let charter as ProjectChartered: input = .charter(charter, origin)
        case let baselined as ProjectBaselined: input = .baselined(baselined, origin)
        case let rebaselined as ProjectRebaselined: input = .rebaselined(rebaselined, origin)
        case let request as ChangeRequestSubmitted: input = .request(request, origin)
        case let vote as VoteCast: input = .vote(vote, origin)
        default: return .unchanged(state)
        }
        let step = desk.receive(input, state: state, reference: context.reference, now: context.now)
        return Outcome(state: step.state, emissions: step.emissions)
    }

    public func tick(state: ChangeCase, context: ProcessingContext<ReferenceData>) -> Outcome<ChangeCase> {
        let step = desk.tick(state: state, reference: context.reference, now: context.now)
        return Outcome(state: step.state, emissions: step.emissions)
    }
}
