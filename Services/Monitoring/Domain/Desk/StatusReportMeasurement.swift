import Foundation
import PMOModel

/// What one status report does to a project, in the order its events are published:
///
/// 1. **Baseline:** the report is measured against the revision it names when known (a newer
///    revision in force at its status date is named in `supersededBy`), otherwise against the
///    revision in force at its status date (``BaselineHistory/measuringBaseline(named:asOf:)``);
///    without any baseline it is recorded and its health is `no-baseline` (no figures, no
///    variance or trend alert), and it is measured when the first baseline arrives
///    (``measureUnmeasured(_:policy:roster:now:)``).
/// 2. **Order:** a report for an earlier period than the latest (``ReportHistory/Arrival/late``)
///    is recorded (it counts for later trends) and changes nothing else: no health, no alert,
///    no escalation. A report for the same period as the latest is a correction: it replaces
///    the earlier one, so its health and trend are computed again.
/// 3. **Health** (`pmo.monitoring.health.assessed.v2`): figures, earned schedule, ratings and
///    the trend since the previous measured report; published only when it differs from the
///    last one published (the assessment time aside).
/// 4. **Alerts and escalations:** variance (``VarianceAlerts``), adverse trend
///    (``TrendAlerts``), overdue reports this report covers closed (``OverdueReports``), major
///    risks and cross-department issues (``RiskIssueEscalations``), all numbered by the project's
///    one ``AlertNumbering``.
/// 5. **Final report:** closes the project (phase `closed`; no more overdue alerts).
///
/// A report the contract accepts but that cannot be measured (its amounts in another currency
/// than the baseline's) is recorded unmeasured: nothing is
/// published for it but the register entry (known gap, docs/monitoring.md section 12).
public enum StatusReportMeasurement {
    /// The events `report` leads to, updating `project`.
    public static func receive(_ report: StatusReported, _ project: inout ProjectMonitoring, policy: PolicyPublished,
                               roster: RosterPublished, now: Date) -> [any PMOEvent] {
        measure(report, &project, counted: true, policy: policy, roster: roster, now: now)
    }

    /// Once a project has a baseline, measures the reports recorded before it, in period order, as
    /// if they had come now: the earlier ones are late (recorded for the trend), the latest
    /// replaces its `no-baseline` health and may raise alerts.
    public static func measureUnmeasured(_ project: inout ProjectMonitoring, policy: PolicyPublished,
                                         roster: RosterPublished, now: Date) -> [any PMOEvent] {
        guard !project.baselines.isEmpty, !project.unmeasured.isEmpty else { return [] }
        let reports = project.unmeasured
        project.unmeasured = []
        return reports.flatMap { measure($0, &project, counted: false, policy: policy, roster: roster, now: now) }
    }

    private static func measure(_ report: StatusReported, _ project: inout ProjectMonitoring, counted: Bool,
                                policy: PolicyPublished, roster: RosterPublished, now: Date) -> [any PMOEvent] {
        let asOf = report.periodEnd
        let arrival = counted ? project.reports.arrival(of: asOf) : (asOf == project.reports.latestAsOf ? .correction : .late)
        defer { if report.final, arrival != .late { project.closed = true } }
        guard let (revision, supersededBy) = project.baselines.measuringBaseline(named: report.baselineRevision, asOf: asOf) else {
            project.reports.record(asOf: asOf, indices: nil, counted: counted)
            project.unmeasured.removeAll { $0.periodEnd == asOf }
            project.unmeasured.append(report)
            project.unmeasured.sort { $0.periodEnd < $1.periodEnd }
            if project.unmeasured.count > ReportHistory.kept { project.unmeasured.removeFirst() }
            guard arrival != .late else { return [] }
            let health = HealthAssessedV2(projectId: project.projectId, assessedAt: now, asOf: asOf,
                                          policyVersion: policy.version, measurement: .noBaseline)
            let people = RiskIssueEscalations.People(roster: roster, sponsor: project.charter?.sponsor,
                                                     projectManager: project.projectManager ?? report.reportedBy)
            return publishIfChanged(health, &project) + escalate(report, &project, people: people, policy: policy, now: now)
        }
        let monitoring = policy.monitoring
        guard let curve = try? revision.plannedValueCurve(),
              let earned = try? PerformanceMeasurement.reportedEarnedValue(report, budgetAtCompletion: revision.budgetAtCompletion),
              report.actualCost.currency == curve.currency else {
            project.reports.record(asOf: asOf, indices: nil, counted: counted)
            return []
        }
        let measurement = PerformanceMeasurement(curve: curve, asOf: asOf, earnedValue: earned,
                                                 actualCost: report.actualCost.amount,
                                                 method: .of(monitoring))
        let figures = measurement.earnedValue
        let indices = PerformanceIndices(figures)
        project.reports.record(asOf: asOf, indices: indices, counted: counted)
        guard arrival != .late else { return [] }

        let health = HealthAssessedV2(
            projectId: project.projectId, assessedAt: now, asOf: asOf, policyVersion: policy.version,
            measurement: .measured, baselineRevision: revision.revision, supersededBy: supersededBy,
            figures: figures.measures, schedule: measurement.earnedSchedule.measures,
            ratings: HealthRating.ratings(figures, report: report, policy: monitoring),
            trend: PerformanceTrend.trend(from: project.reports.previousIndices(before: asOf), to: indices, policy: monitoring))
        var events = publishIfChanged(health, &project)

        let projectManager = project.projectManager ?? report.reportedBy
        let people = RiskIssueEscalations.People(roster: roster, sponsor: project.charter?.sponsor, projectManager: projectManager)
        let checks = VarianceChecks(figures, threshold: monitoring.varianceThreshold)
        let actions = project.numbering.sharing(&project.variance) {
            $0.receive(checks, asOf: asOf, at: now, policy: policy, projectManager: projectManager, pmo: people.escalateTo)
        }
        events += actions.map(\.event)
        events += project.trend.receive(
            AdverseTrend.detect(in: project.reports.indices(through: asOf, last: monitoring.effectiveTrendReports), policy: monitoring), project: project.projectId,
            asOf: asOf, at: now, policy: policy, projectManager: projectManager, numbering: &project.numbering)
        events += project.overdue.reportReceived(project: project.projectId, asOf: asOf, at: now, policy: policy)
        events += escalate(report, &project, people: people, policy: policy, now: now)
        return events
    }

    private static func escalate(_ report: StatusReported, _ project: inout ProjectMonitoring,
                                 people: RiskIssueEscalations.People, policy: PolicyPublished, now: Date) -> [any PMOEvent] {
        return project.escalations.receive(report, project: project.projectId, asOf: report.periodEnd, at: now,
                                           policy: policy, people: people, numbering: &project.numbering)
    }

    /// `health`, when it differs from the last health published other than in its assessment time.
    private static func publishIfChanged(_ health: HealthAssessedV2, _ project: inout ProjectMonitoring) -> [any PMOEvent] {
        var previous = project.health
        previous?.assessedAt = health.assessedAt
        guard previous != health else { return [] }
        project.health = health
        return [health]
    }
}

extension VarianceAlertAction {
    /// The event the action publishes.
    public var event: any PMOEvent {
        switch self {
        case .raise(let alert): alert
        case .escalate(let escalation): escalation
        case .close(let closed): closed
        case .resolve(let resolved): resolved
        }
    }
}
