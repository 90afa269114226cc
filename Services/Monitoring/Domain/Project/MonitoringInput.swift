import PMOModel
import ServiceRuntime

/// One input of monitoring for a project (the record key): what tells it the project's phase,
/// baseline and process times, and the status reports it measures.
public enum MonitoringInput: Codable, Sendable, Equatable {
    /// The charter from intake: title, sponsor, PM, priority, classification, departments.
    case charter(ProjectChartered)
    /// The first baseline from planning.
    case baseline(ProjectBaselined)
    /// A later baseline revision from change control.
    case rebaseline(ProjectRebaselined)
    /// A status report from the PM.
    case statusReport(StatusReported, InputOrigin)
    /// An intake assessment (its first one starts the intake cycle time).
    case intakeAssessment(AssessmentCompleted)
    /// An intake decision (ends the intake cycle time; a rejection closes the project's entry).
    case intakeDecision(IntakeDecisionMade)
    /// A plan review (starts a plan revision's review time).
    case planReview(PlanReviewCompleted)
    /// A plan decision (ends it; a rejection closes the project's entry).
    case planDecision(PlanDecisionMade)
    /// A change assessment (starts a change request's decision time).
    case changeAssessment(ChangeAssessmentCompleted)
    /// A change decision (ends it).
    case changeDecision(ChangeDecisionMade)

    /// The project the input is about.
    public var projectId: String {
        switch self {
        case .charter(let event): event.projectId
        case .baseline(let event): event.projectId
        case .rebaseline(let event): event.projectId
        case .statusReport(let event, _): event.projectId
        case .intakeAssessment(let event): event.projectId
        case .intakeDecision(let event): event.projectId
        case .planReview(let event): event.projectId
        case .planDecision(let event): event.projectId
        case .changeAssessment(let event): event.projectId
        case .changeDecision(let event): event.projectId
        }
    }

    /// The input for a decoded event, `nil` for an event monitoring does not take per project.
    public init?(_ event: any PMOEvent, origin: InputOrigin) {
        switch event {
        case let event as ProjectChartered: self = .charter(event)
        case let event as ProjectBaselined: self = .baseline(event)
        case let event as ProjectRebaselined: self = .rebaseline(event)
        case let event as StatusReported: self = .statusReport(event, origin)
        case let event as AssessmentCompleted: self = .intakeAssessment(event)
        case let event as IntakeDecisionMade: self = .intakeDecision(event)
        case let event as PlanReviewCompleted: self = .planReview(event)
        case let event as PlanDecisionMade: self = .planDecision(event)
        case let event as ChangeAssessmentCompleted: self = .changeAssessment(event)
        case let event as ChangeDecisionMade: self = .changeDecision(event)
        default: return nil
        }
    }
}
