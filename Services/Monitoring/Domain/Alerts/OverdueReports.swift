import Foundation
import PMOModel

/// The overdue-status-report alerts of one project. A plain state machine with two
/// transitions, both returning the events to publish:
///
/// - ``tick(project:anchor:cadenceDays:today:at:policy:projectManager:numbering:)``, time-driven:
///   the reports are due every `cadenceDays` after the anchor (the latest report's status date,
///   or the baseline's start before the first report): due₁ = anchor + cadence, due₂ = anchor +
///   2 × cadence, …. A due date is **missed** once today is past it plus the policy's
///   `reportingGraceDays`. Each missed due date gets **one** alert (`overdue-status-report`,
///   measure `days-overdue` against the grace days), in date order, and never a second one:
///   ``alertedThrough`` remembers the latest due date alerted, and the state is committed with
///   the alert, so a restart or another instance taking the project over cannot repeat it.
/// - ``reportReceived(project:asOf:at:policy:)``: a report covers the due dates up to its status
///   date plus the grace days; the open alerts for those are closed.
///
/// | alert for due date d | a report with asOf + grace ≥ d | time passes |
/// |---|---|---|
/// | (none), d missed | — | **raise** → open |
/// | open | **close** → done | nothing |
public struct OverdueReports: Codable, Sendable, Equatable {
    /// An open overdue alert and the due date it is for.
    public struct Open: Codable, Sendable, Equatable {
        /// The due date missed.
        public var dueOn: CalendarDate
        /// The alert raised for it.
        public var alert: AlertRaised
    }

    /// The open alerts, oldest due date first.
    public var open: [Open] = []
    /// The latest due date an alert was raised for (never alerted again).
    public var alertedThrough: CalendarDate?

    /// No alert yet.
    public init(open: [Open] = [], alertedThrough: CalendarDate? = nil) {
        self.open = open
        self.alertedThrough = alertedThrough
    }

    /// The most due dates looked at in one tick (a project silent for years does not loop for ever).
    public static let scanLimit = 520

    /// The alerts for the due dates missed by `today`, numbered from `numbering`.
    public mutating func tick(project projectId: String, anchor: CalendarDate, cadenceDays: Int, today: CalendarDate,
                              at now: Date, policy: PolicyPublished, projectManager: String,
                              numbering: inout AlertNumbering) -> [AlertRaised] {
        guard cadenceDays > 0 else { return [] }
        let grace = policy.monitoring.reportingGraceDays
        var raised: [AlertRaised] = []
        for period in 1...Self.scanLimit {
            guard let due = anchor.adding(days: period * cadenceDays), let late = due.adding(days: grace),
                  today > late else { break }
            if let alertedThrough, due <= alertedThrough { continue }
            let daysOverdue = due.days(until: today)
            let alert = AlertRaised(
                projectId: projectId, alertId: numbering.alertId(), kind: .overdueStatusReport, severity: .warning,
                raisedAt: now, policyVersion: policy.version,
                summary: "The status report due \(due) (every \(cadenceDays) days) has not arrived: \(daysOverdue) days overdue, beyond the \(grace)-day grace period.",
                measure: AlertMeasure(metric: "days-overdue", value: daysOverdue, threshold: grace),
                requiredAction: "Submit the status report for the period ending \(due).",
                actionDueOn: nil, assignee: projectManager)
            open.append(Open(dueOn: due, alert: alert))
            alertedThrough = due
            raised.append(alert)
        }
        return raised
    }

    /// Closes the open alerts a report dated `asOf` covers (due on or before `asOf` plus the grace days).
    public mutating func reportReceived(project projectId: String, asOf: CalendarDate, at now: Date,
                                        policy: PolicyPublished) -> [AlertClosed] {
        let covered = asOf.adding(days: policy.monitoring.reportingGraceDays) ?? asOf
        let closing = open.filter { $0.dueOn <= covered }
        open.removeAll { $0.dueOn <= covered }
        return closing.map {
            AlertClosed(projectId: projectId, alertId: $0.alert.alertId, kind: .overdueStatusReport, closedAt: now,
                        asOf: asOf, policyVersion: policy.version,
                        reason: "The status report for the period ending \(asOf) covers the report due \($0.dueOn).",
                        measure: nil)
        }
    }
}
