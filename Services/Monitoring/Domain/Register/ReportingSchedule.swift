import PMOModel

/// When a project's next status report is due: every `cadenceDays` after the anchor, which is
/// the latest report's status date, or the start of the baseline in force before the first
/// report. The cadence is the plan's (`statusReportCadenceDays` of the baseline) or, when the
/// plan gave none, the policy's `reportingCadenceDays`. A project without a baseline has none.
public struct ReportingSchedule: Sendable, Equatable {
    /// The date due dates count from.
    public var anchor: CalendarDate
    /// Days between reports.
    public var cadenceDays: Int

    /// The schedule of `project` under `policy`, `nil` without a baseline.
    /// Both are borrowed: an initialiser owns its arguments by default, which copied the whole
    /// project state for every register entry.
    public init?(_ project: borrowing ProjectMonitoring, policy: borrowing PolicyPublished) {
        guard let latest = project.baselines.latest else { return nil }
        guard let anchor = project.reports.latestAsOf ?? (try? latest.plannedValueCurve().start) else { return nil }
        self.anchor = anchor
        self.cadenceDays = latest.statusReportCadenceDays ?? policy.monitoring.reportingCadenceDays
    }

    /// The next due date.
    public var nextDue: CalendarDate { anchor.adding(days: cadenceDays) ?? anchor }
}
