import Foundation
import PMOModel
import ServiceRuntime

/// The monitoring service's domain logic for the runtime: consumes status reports and the
/// project events of intake, planning and change control keyed by project, and resource
/// allocations keyed by resource; reads the policy, the roster and the charters' priorities as
/// reference data; emits health, alerts, escalations, resource conflicts and the portfolio
/// register (``MonitoringDesk``, ``ResourceBook``). The portfolio summary is a second stage over
/// the register (the executable runs it next to this processor).
public struct MonitoringProcessor: EventProcessor {
    /// A project's or a resource's state.
    public typealias State = MonitoringState
    /// The policy, roster and priorities.
    public typealias Reference = MonitoringReference

    private let desk = MonitoringDesk()

    /// The processor.
    public init() {}

    public var name: String { PMOService.monitoring.rawValue }
    public var source: String { PMOService.monitoring.source }
    public var inputTopics: [String] {
        ["pmo.status.reports", "pmo.resources.allocations", "pmo.projects.chartered", "pmo.projects.baselined",
         "pmo.projects.rebaselined", "pmo.intake.assessments", "pmo.intake.decisions", "pmo.planning.reviews",
         "pmo.planning.decisions", "pmo.change.assessments", "pmo.change.decisions"]
    }
    public var referenceTopics: [String] { ["pmo.config.policy", "pmo.config.roster", "pmo.projects.chartered"] }
    public var outputTopics: [TopicDefinition] {
        TopicCatalog.outputs(of: .monitoring).filter { $0.role == .event }.map(TopicDefinition.init)
    }
    /// The portfolio register keeps one record per project, the latest: a transaction writes
    /// each project's last entry only, at its commit, however many of its reports it holds
    /// (the summary stage reads every record of the register).
    public var coalescedTopics: Set<String> { ["pmo.portfolio.register"] }
    public var registry: EventRegistry {
        EventRegistry(types: [
            PolicyPublished.self, RosterPublished.self, StatusReported.self, AllocationRequested.self,
            AllocationReleased.self, ProjectChartered.self, ProjectBaselined.self, ProjectRebaselined.self,
            AssessmentCompleted.self, IntakeDecisionMade.self, PlanReviewCompleted.self, PlanDecisionMade.self,
            ChangeAssessmentCompleted.self, ChangeDecisionMade.self,
            HealthAssessedV2.self, AlertRaised.self, AlertClosed.self, EscalationRaised.self, EscalationResolved.self,
            ResourceConflictDetected.self, ResourceConflictResolved.self, PortfolioEntryUpdated.self,
            PortfolioSummaryPublished.self,
        ])
    }
    public var initialReference: MonitoringReference { MonitoringReference() }

    public func apply(reference event: DecodedEvent, to reference: inout MonitoringReference) {
        reference.apply(event.event)
    }

    public func handle(_ event: DecodedEvent, state: consuming MonitoringState?, context: ProcessingContext<MonitoringReference>) -> Outcome<MonitoringState> {
        let reference = context.reference
        switch event.event {
        case let request as AllocationRequested:
            return resource(.request(request), state: state, context: context)
        case let release as AllocationReleased:
            return resource(.release(release), state: state, context: context)
        default:
            let origin = InputOrigin(id: event.attributes.id, source: event.attributes.source, type: event.attributes.type)
            guard let input = MonitoringInput(event.event, origin: origin) else { return .unchanged(state) }
            // The state is changed where it is and moved into the outcome: through
            // `MonitoringDesk.Step` it was copied out of the step, every field retained.
            var project: ProjectMonitoring
            switch consume state {
            case .project(let known): project = known
            default: project = ProjectMonitoring(projectId: input.projectId)
            }
            let emissions = desk.receive(input, project: &project, reference: reference.data, now: context.now)
            return Outcome(state: .project(consume project), emissions: emissions)
        }
    }

    public func tick(state: MonitoringState, context: ProcessingContext<MonitoringReference>) -> Outcome<MonitoringState> {
        switch state {
        case .project(let project):
            let step = desk.tick(state: project, reference: context.reference.data, now: context.now)
            return step.state == project && step.emissions.isEmpty
                ? .unchanged(state) : Outcome(state: .project(step.state), emissions: step.emissions)
        case .resource(var book):
            guard !book.waiting.isEmpty else { return .unchanged(state) }
            let events = book.receive(nil, reference: context.reference.data, priorities: context.reference.priorities,
                                      now: context.now)
            return Outcome(state: .resource(book), emissions: events.map { Emission($0) })
        }
    }

    private func resource(_ input: ResourceBook.Input, state: MonitoringState?,
                          context: ProcessingContext<MonitoringReference>) -> Outcome<MonitoringState> {
        var book: ResourceBook
        if case .resource(let existing) = state {
            book = existing
        } else {
            book = ResourceBook(resourceId: context.key)
        }
        let events = book.receive(input, reference: context.reference.data, priorities: context.reference.priorities,
                                  now: context.now)
        return Outcome(state: .resource(book), emissions: events.map { Emission($0) })
    }
}
