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

    /// The title: the register's, else the charter's, else the id.
    public var title: String { entry?.title ?? charter?.title ?? projectId }

    public static func == (lhs: ProjectView, rhs: ProjectView) -> Bool {
        lhs.projectId == rhs.projectId && lhs.entry == rhs.entry && lhs.charter == rhs.charter
            && lhs.baselines.mapValues(\.baseline) == rhs.baselines.mapValues(\.baseline)
            && lhs.baselines.mapValues(\.since) == rhs.baselines.mapValues(\.since)
            && lhs.health == rhs.health && lhs.alertsRaised == rhs.alertsRaised && lhs.alertsClosed == rhs.alertsClosed
            && lhs.escalationsRaised == rhs.escalationsRaised && lhs.escalationsResolved == rhs.escalationsResolved
            && lhs.audit == rhs.audit
    }
}
