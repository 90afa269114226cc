import Foundation
import PMOModel

/// Everything the dashboard shows of one project, folded from the aggregated topics.
public struct ProjectView: Equatable, Sendable {
    /// The project id.
    public var projectId: String
    /// The latest register entry (phase, PM, priority, RAG, BAC, EAC, open alerts).
    public var entry: PortfolioEntryUpdated?
    /// The charter, for the title, departments and targets before the register has an entry.
    public var charter: ProjectChartered?
    /// Each baseline revision with the time it took effect.
    public var baselines: [Int: (baseline: PlanBaseline, since: Date)] = [:]
    /// One point per measured period, by period end; a corrected report replaces its period's.
    public var health: [CalendarDate: HealthPoint] = [:]
    /// Alerts raised, by id; ``openAlerts`` leaves out the closed ones.
    public var alertsRaised: [String: AlertRaised] = [:]
    /// Ids of the alerts closed, kept even when the closing came first.
    public var alertsClosed: [String: AlertClosed] = [:]
    /// Escalations raised, by id.
    public var escalationsRaised: [String: EscalationRaised] = [:]
    /// Ids of the escalations resolved.
    public var escalationsResolved: [String: EscalationResolved] = [:]
    /// Every decision, in time order.
    public var audit: [AuditEntry] = []
    /// The latest status report (by period end, then report time): risks and milestones reached.
    public var latestReport: StatusReported?
    /// Every milestone reached, by id, from every report.
    public var milestonesReached: [String: CalendarDate] = [:]
    /// Intake's assessments by proposal revision, and the revisions intake has decided.
    public var intakeAssessments: [Int: AssessmentCompleted] = [:]
    public var intakeDecided: Set<Int> = []
    /// Intake's latest decision (by decision time; refusals of an input left out).
    public var latestIntakeDecision: IntakeDecisionMade?
    /// Planning's reviews by plan revision, and the revisions planning has decided.
    public var planReviews: [Int: PlanReviewCompleted] = [:]
    public var planDecided: Set<Int> = []
    /// Change control's assessments by `<request>#<revision>`, and those decided.
    public var changeAssessments: [String: ChangeAssessmentCompleted] = [:]
    public var changeDecided: Set<String> = []

    /// The decisions waiting on people: reviews of an assessed proposal, expert reviews of a
    /// plan, votes or a decision on a change request; oldest first.
    public var waitingDecisions: [WaitingDecision] {
        let intake = intakeAssessments.values.filter { !intakeDecided.contains($0.proposalRevision) && !$0.requiredReviewDepartments.isEmpty }
            .map { WaitingDecision(projectId: projectId, process: .intake, subject: "proposal r\($0.proposalRevision)",
                                   waitingOn: "reviews: " + $0.requiredReviewDepartments.joined(separator: ", "), since: $0.assessedAt) }
        let planning = planReviews.values.filter { !planDecided.contains($0.planRevision) && $0.expertReviewRequired }
            .map { WaitingDecision(projectId: projectId, process: .planning, subject: "plan r\($0.planRevision)",
                                   waitingOn: "expert review" + ($0.expertReviewReason.map { ": \($0)" } ?? ""), since: $0.reviewedAt) }
        let change = changeAssessments.filter { !changeDecided.contains($0.key) }.values
            .map { WaitingDecision(projectId: projectId, process: .change, subject: "\($0.changeRequestId) r\($0.changeRequestRevision)",
                                   waitingOn: "\($0.route.rawValue): " + $0.deciders.joined(separator: ", "), since: $0.assessedAt) }
        return (intake + planning + change).sorted { ($0.since, $0.subject) < ($1.since, $1.subject) }
    }

    public init(projectId: String) {
        self.projectId = projectId
    }

    /// The alerts raised and not closed, oldest first.
    public var openAlerts: [AlertRaised] {
        alertsRaised.values.filter { alertsClosed[$0.alertId] == nil }.sorted { ($0.raisedAt, $0.alertId) < ($1.raisedAt, $1.alertId) }
    }

    /// The escalations raised and not resolved, oldest first.
    public var openEscalations: [EscalationRaised] {
        escalationsRaised.values.filter { escalationsResolved[$0.escalationId] == nil }
            .sorted { ($0.raisedAt, $0.escalationId) < ($1.raisedAt, $1.escalationId) }
    }

    /// The measured periods in date order.
    public var healthHistory: [HealthPoint] {
        health.values.sorted { $0.asOf < $1.asOf }
    }

    /// The latest measured period.
    public var latestHealth: HealthPoint? { healthHistory.last }

    /// The baseline revision in force now: the highest one known.
    public var currentBaseline: (revision: Int, baseline: PlanBaseline)? {
        baselines.keys.max().flatMap { revision in baselines[revision].map { (revision, $0.baseline) } }
    }

    /// The phase intake's latest decision gives a project the register does not list yet:
    /// `rejected` or `withdrawn`, otherwise `proposed`.
    public var intakePhase: String {
        switch latestIntakeDecision?.outcome {
        case .rejected?: "rejected"
        case .withdrawn?: "withdrawn"
        default: "proposed"
        }
    }

    /// The title: the register's, else the charter's, else the id.
    public var title: String { entry?.title ?? charter?.title ?? projectId }

    public static func == (lhs: ProjectView, rhs: ProjectView) -> Bool {
        lhs.projectId == rhs.projectId && lhs.entry == rhs.entry && lhs.charter == rhs.charter
            && lhs.baselines.mapValues(\.baseline) == rhs.baselines.mapValues(\.baseline)
            && lhs.baselines.mapValues(\.since) == rhs.baselines.mapValues(\.since)
            && lhs.health == rhs.health && lhs.alertsRaised == rhs.alertsRaised && lhs.alertsClosed == rhs.alertsClosed
            && lhs.escalationsRaised == rhs.escalationsRaised && lhs.escalationsResolved == rhs.escalationsResolved
            && lhs.audit == rhs.audit && lhs.latestReport == rhs.latestReport && lhs.milestonesReached == rhs.milestonesReached
            && lhs.intakeAssessments == rhs.intakeAssessments && lhs.intakeDecided == rhs.intakeDecided
            && lhs.latestIntakeDecision == rhs.latestIntakeDecision
            && lhs.planReviews == rhs.planReviews && lhs.planDecided == rhs.planDecided
            && lhs.changeAssessments == rhs.changeAssessments && lhs.changeDecided == rhs.changeDecided
    }
}
