import Foundation
import PMOModel

/// A project's entry in the portfolio register (`pmo.portfolio.entry.updated.v1`, compacted,
/// one record per project): phase, PM, priority, classification, baseline revision, overall
/// health, BAC, departments, latest figures, open alerts and escalations, reporting and process
/// times. The portfolio summary is summed from these entries (its second stage), so an entry
/// carries everything the summary needs.
///
/// An entry is published once the charter is known (the entry needs its title and sponsor), and
/// again only when something in it changed other than `updatedAt`.
public enum PortfolioRegisterEntry {
    /// The entry of `project` now.
    public static func entry(of project: ProjectMonitoring, policy: PolicyPublished, now: Date) -> PortfolioEntryUpdated? {
        guard let charter = project.charter else { return nil }
        let reporting = ReportingSchedule(project, policy: policy).map {
            PortfolioEntryReporting(nextReportDue: $0.nextDue, overdue: !project.overdue.open.isEmpty,
                                    reportsReceived: project.reports.received)
        }
        return PortfolioEntryUpdated(
            projectId: project.projectId, title: charter.title, phase: project.phase, sponsor: charter.sponsor,
            projectManager: project.projectManager, priority: charter.priority, classification: charter.classification,
            baselineRevision: project.baselines.latest?.revision ?? 0, health: project.health?.ratings?.overall,
            budgetAtCompletion: project.baselines.latest?.budgetAtCompletion, updatedAt: now,
            departments: charter.departments, figures: project.figures, openAlerts: project.openAlertIds,
            openEscalations: project.openEscalationIds, reporting: reporting,
            cycleTimes: project.cycleTimes.projectCycleTimes)
    }

    /// The entry to publish after a change to `project`, recorded as published; `nil` when it
    /// did not change.
    public static func update(_ project: inout ProjectMonitoring, policy: PolicyPublished, now: Date) -> PortfolioEntryUpdated? {
        guard var entry = entry(of: project, policy: policy, now: now) else { return nil }
        // Compared with the last entry where it is, this one given its time (copying the last
        // entry to give it this one's time retained every field of it after every input).
        if let publishedAt = project.entry?.updatedAt {
            entry.updatedAt = publishedAt
            if project.entry.map({ $0 == entry }) == true { return nil }
            entry.updatedAt = now
        }
        project.entry = entry
        return entry
    }
}
