import Foundation
import PMOModel
import ServiceRuntime

/// Monitoring's state for one project (the record key): what it knows of the project (charter,
/// baselines, reports), the state machines of its alerts and escalations, the process times,
/// the last health and register entry it published (so it publishes again only on a change),
/// and the inputs that wait for the policy and roster.
public struct ProjectMonitoring: Codable, Sendable, Equatable, KeepsInputs {
    /// The project.
    public var projectId: String
    /// The charter, once it has arrived.
    public var charter: ProjectChartered.Facts?
    /// Whether intake or planning turned the project down.
    public var rejected = false
    /// Whether its sponsor withdrew it at intake (`nil` in states written before withdrawals existed).
    public var withdrawn: Bool?
    /// Whether a final report closed it.
    public var closed = false
    /// Its baseline revisions.
    public var baselines = BaselineHistory()
    /// Its recorded reports.
    public var reports = ReportHistory()
    /// The project's alert and escalation numbers.
    public var numbering = AlertNumbering()
    /// Schedule and cost variance alerts.
    public var variance: VarianceAlerts
    /// Adverse-trend alerts.
    public var trend = TrendAlerts()
    /// Overdue-report alerts.
    public var overdue = OverdueReports()
    /// Major-risk and cross-department-issue escalations.
    public var escalations = RiskIssueEscalations()
    /// Process times for the KPIs.
    public var cycleTimes = CycleTimes()
    /// The reports recorded before the project had a baseline, in period order (at most
    /// ``ReportHistory/kept``): measured, in order, when the first baseline arrives, since a
    /// report can be read before its baseline (another topic).
    public var unmeasured: [StatusReported] = []
    /// The latest health published (the latest period's).
    public var health: HealthAssessedV2?
    /// The register entry last published.
    public var entry: PortfolioEntryUpdated?
    /// Inputs received while no policy or no roster was published yet, in arrival order.
    public var waiting: [KeptInput<MonitoringInput>] = []
    /// Never used: monitoring decides every input as it comes (``InputDesk``'s held inputs).
    public var held: [KeptInput<MonitoringInput>] = []

    /// A project monitoring knows nothing of yet.
    public init(projectId: String) {
        self.projectId = projectId
        self.variance = VarianceAlerts(projectId: projectId)
    }

    /// The project's phase for the register.
    public var phase: ProjectPhase {
        if closed { return .closed }
        if withdrawn == true { return .withdrawn }
        if rejected { return .rejected }
        if !baselines.isEmpty { return reports.received > 0 ? .executing : .baselined }
        if charter != nil { return .chartered }
        return .proposed
    }

    /// The project manager: the latest baseline's, else the charter's.
    public var projectManager: String? {
        baselines.latest?.projectManager ?? charter?.projectManager
    }

    /// The latest measured figures, for the register (from the latest health).
    public var figures: PortfolioEntryFigures? {
        guard let health, let figures = health.figures else { return nil }
        return PortfolioEntryFigures(asOf: health.asOf, plannedValue: figures.plannedValue, earnedValue: figures.earnedValue,
                                     actualCost: figures.actualCost, estimateAtCompletion: figures.estimateAtCompletion)
    }

    /// The ids of the open alerts, in number order. Gathered into one list and sorted in place:
    /// the register entry reads it after every input.
    public var openAlertIds: [String] {
        var ids: [String] = []
        ids.reserveCapacity(2 + trend.open.count + overdue.open.count)
        if let alert = variance.schedule.alert { ids.append(alert.alertId) }
        if let alert = variance.cost.alert { ids.append(alert.alertId) }
        for alert in trend.open.values { ids.append(alert.alertId) }
        for open in overdue.open { ids.append(open.alert.alertId) }
        if ids.count > 1 { ids.sort(by: AlertNumbering.precedes) }
        return ids
    }

    /// The ids of the open escalations, in number order.
    public var openEscalationIds: [String] {
        var ids: [String] = []
        ids.reserveCapacity(2 + escalations.open.count)
        for escalation in escalations.open.values { ids.append(escalation.escalationId) }
        if case .escalated(_, let escalation) = variance.schedule { ids.append(escalation.escalationId) }
        if case .escalated(_, let escalation) = variance.cost { ids.append(escalation.escalationId) }
        if ids.count > 1 { ids.sort(by: AlertNumbering.precedes) }
        return ids
    }
}

extension ProjectChartered {
    /// What monitoring keeps of a charter.
    public struct Facts: Codable, Sendable, Equatable {
        public var title: String
        public var sponsor: String
        public var projectManager: String
        public var priority: Priority
        public var classification: ProjectClassification
        public var departments: [String]
        public var charteredAt: Date
    }

    /// What monitoring keeps of this charter.
    public var facts: Facts {
        Facts(title: title, sponsor: sponsor, projectManager: projectManager, priority: priority,
              classification: classification, departments: departmentsInvolved, charteredAt: charteredAt)
    }
}
