import Dashboard
import Foundation
import Mustache
import PMOModel

/// Renders the dashboard's pages from ``PortfolioView`` with the Mustache templates in
/// `Templates/` (every value is HTML-escaped by `{{…}}`; nothing is built by concatenating HTML).
public struct DashboardPages: Sendable {
    let library: MustacheLibrary
    /// The style sheet and the live-update script (`Static/`), by file name, read once at start.
    let staticFiles: [String: [UInt8]]

    /// Loads the templates and static files shipped with the dashboard.
    public static func load() async throws -> DashboardPages {
        guard let resources = Bundle.module.resourceURL else {
            throw DashboardError("the dashboard's templates are missing from its resources")
        }
        var files: [String: [UInt8]] = [:]
        for name in ["dashboard.css", "live.js"] {
            guard let data = FileManager.default.contents(atPath: resources.appendingPathComponent("Static/\(name)").path) else {
                throw DashboardError("the dashboard's Static/\(name) is missing from its resources")
            }
            files[name] = Array(data)
        }
        return DashboardPages(library: try await MustacheLibrary(directory: resources.appendingPathComponent("Templates").path),
                              staticFiles: files)
    }

    /// The portfolio page.
    public func portfolio(_ view: PortfolioView, version: Int, filter: PortfolioTable.Filter, sort: PortfolioTable.SortKey,
                          descending: Bool) -> String {
        let table = PortfolioTable(view, filter: filter, sort: sort, descending: descending)
        let all = PortfolioTable(view).rows
        func options(_ values: [String], selected: String?) -> [Option] {
            Array(Set(values)).filter { !$0.isEmpty && $0 != "—" }.sorted().map { Option(value: $0, selected: $0 == selected) }
        }
        let departments = view.projects.values.flatMap { $0.entry?.departments ?? $0.charter?.departmentsInvolved ?? [] }
        let context = PortfolioPage(
            version: version,
            summary: view.summary.map(SummaryBox.init),
            rows: table.rows,
            projectCount: table.rows.count,
            totalCount: all.count,
            phases: options(all.map(\.phase), selected: filter.phase),
            ratings: ["red", "amber", "green", "none"].map { Option(value: $0, selected: $0 == filter.rating) },
            departments: options(departments, selected: filter.department),
            managers: options(all.map(\.projectManager), selected: filter.projectManager),
            sortLinks: PortfolioTable.SortKey.allCases.map { key in
                SortLink(key: key.rawValue, descending: key == sort && !descending, current: key == sort)
            },
            heatMap: HeatMap(all))
        return library.render(context, withTemplate: "portfolio") ?? ""
    }

    /// A project's page, `nil` when the project is unknown.
    public func project(_ view: PortfolioView, id: String, version: Int) -> String? {
        guard let project = view.projects[id] else { return nil }
        let context = ProjectPage(version: version, project: project)
        return library.render(context, withTemplate: "project")
    }

    /// The meeting pack for the days `from` to `to`.
    public func meeting(_ pack: MeetingPack, version: Int) -> String {
        library.render(MeetingPage(version: version, pack: pack), withTemplate: "meeting") ?? ""
    }

    /// The escalations and alerts queue, with the resource conflicts.
    public func queue(_ view: PortfolioView, version: Int) -> String {
        library.render(QueuePage(version: version, view: view), withTemplate: "queue") ?? ""
    }
}

/// Why the dashboard cannot start.
public struct DashboardError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

struct Option { var value: String; var selected: Bool }
struct SortLink { var key: String; var descending: Bool; var current: Bool }

/// The summary's totals and KPIs at the top of the portfolio page.
struct SummaryBox {
    var asOf: String
    var projects: String
    var totalBudget: String
    var totalEstimate: String
    var spi: String
    var cpi: String
    var byPhase: [Pair]
    var byHealth: [Pair]
    var kpis: [KPI]

    struct Pair { var name: String; var count: Int }
    struct KPI { var name: String; var actual: String; var target: String; var met: String }

    init(_ summary: PortfolioSummaryPublished) {
        asOf = summary.asOf.description
        projects = summary.projects.map(String.init) ?? "—"
        totalBudget = Figures.money(summary.totalBudgetAtCompletion)
        totalEstimate = Figures.money(summary.totalEstimateAtCompletion)
        spi = Figures.index(summary.portfolioSchedulePerformanceIndex)
        cpi = Figures.index(summary.portfolioCostPerformanceIndex)
        byPhase = summary.projectsByPhase.map { Pair(name: $0.phase.rawValue, count: $0.projects) }
        byHealth = summary.projectsByHealth.map { Pair(name: $0.rating.rawValue, count: $0.projects) }
        kpis = summary.kpiResults.map { KPI(name: $0.kpi.rawValue, actual: Figures.index($0.value), target: Figures.index($0.target),
                                            met: $0.met.map { $0 ? "met" : "missed" } ?? "no data yet") }
    }
}

/// The RAG heat map: each project's overall rating as a tile, grouped by rating.
struct HeatMap {
    struct Tile { var projectId: String; var title: String; var cell: RAGCell }
    var tiles: [Tile]
    init(_ rows: [PortfolioRow]) {
        let order = ["red": 0, "amber": 1, "green": 2, "none": 3]
        tiles = rows.sorted { (order[$0.overall.rating]!, $0.projectId) < (order[$1.overall.rating]!, $1.projectId) }
            .map { Tile(projectId: $0.projectId, title: $0.title, cell: $0.overall) }
    }
}

struct PortfolioPage {
    var version: Int
    var summary: SummaryBox?
    var rows: [PortfolioRow]
    var projectCount: Int
    var totalCount: Int
    var phases: [Option]
    var ratings: [Option]
    var departments: [Option]
    var managers: [Option]
    var sortLinks: [SortLink]
    var heatMap: HeatMap
}

struct ProjectPage {
    struct Milestone { var id: String; var name: String; var planned: String; var reached: String; var state: String }
    struct Alert { var id: String; var kind: String; var severity: String; var summary: String; var action: String; var due: String }
    struct Escalation { var id: String; var kind: String; var description: String; var departments: String; var escalateTo: String }
    struct Audit { var at: String; var process: String; var title: String; var decidedBy: String; var reasons: [String]; var policyVersion: Int }

    var version: Int
    var row: PortfolioRow
    var sCurve: Chart
    var indices: Chart
    var risks: RiskMatrix
    var milestones: [Milestone]
    var alerts: [Alert]
    var escalations: [Escalation]
    var audit: [Audit]

    init(version: Int, project: ProjectView) {
        self.version = version
        row = PortfolioRow(project)
        sCurve = Chart.sCurve(project)
        indices = Chart.indices(project)
        risks = RiskMatrix(project)
        milestones = (project.currentBaseline?.baseline.milestones ?? []).map { milestone in
            let reached = project.milestonesReached[milestone.milestoneId]
            return Milestone(id: milestone.milestoneId, name: milestone.name, planned: milestone.plannedDate.description,
                             reached: reached?.description ?? "not yet",
                             state: reached.map { $0 <= milestone.plannedDate ? "on time" : "late" } ?? "open")
        }
        alerts = project.openAlerts.map {
            Alert(id: $0.alertId, kind: $0.kind.rawValue, severity: $0.severity.rawValue, summary: $0.summary,
                  action: $0.requiredAction ?? "—", due: $0.actionDueOn?.description ?? "—")
        }
        escalations = project.openEscalations.map {
            Escalation(id: $0.escalationId, kind: $0.kind.rawValue, description: $0.description,
                       departments: $0.departmentsToCoordinate.joined(separator: ", "), escalateTo: $0.escalateTo.joined(separator: ", "))
        }
        audit = project.audit.reversed().map {
            Audit(at: RFC3339.format($0.at), process: $0.process.rawValue, title: $0.title,
                  decidedBy: $0.decidedBy.joined(separator: "; "), reasons: $0.reasons, policyVersion: $0.policyVersion)
        }
    }
}

struct QueuePage {
    struct Item { var projectId: String; var title: String; var what: String; var kind: String; var detail: String; var who: String; var since: String }
    struct Conflict { var resourceId: String; var period: String; var overload: String; var projects: String; var resolution: String }
    var version: Int
    var escalations: [Item]
    var alerts: [Item]
    var conflicts: [Conflict]

    init(version: Int, view: PortfolioView) {
        self.version = version
        let projects = view.projects.values.sorted { $0.projectId < $1.projectId }
        escalations = projects.flatMap { project in
            project.openEscalations.map {
                Item(projectId: project.projectId, title: project.title, what: $0.escalationId, kind: $0.kind.rawValue,
                     detail: $0.description, who: "coordinate: " + $0.departmentsToCoordinate.joined(separator: ", "),
                     since: RFC3339.format($0.raisedAt))
            }
        }
        alerts = projects.flatMap { project in
            project.openAlerts.map {
                Item(projectId: project.projectId, title: project.title, what: $0.alertId, kind: "\($0.kind.rawValue) (\($0.severity.rawValue))",
                     detail: $0.summary + ($0.requiredAction.map { " Action: \($0)" } ?? ""),
                     who: $0.assignee + ($0.actionDueOn.map { ", due \($0)" } ?? ""), since: RFC3339.format($0.raisedAt))
            }
        }
        conflicts = view.openConflicts.map { conflict in
            Conflict(resourceId: conflict.resourceId, period: "\(conflict.periodStart) – \(conflict.periodEnd)",
                     overload: "\(Figures.index(conflict.allocatedHours - conflict.capacityHours)) h over \(Figures.index(conflict.capacityHours)) h",
                     projects: conflict.allocations.map(\.projectId).joined(separator: ", "),
                     resolution: conflict.resolution.rationale)
        }
    }
}

struct MeetingPage {
    struct Waiting { var projectId: String; var process: String; var subject: String; var waitingOn: String; var since: String }
    var version: Int
    var from: String
    var to: String
    var turns: [MeetingPack.Turn]
    var escalations: [MeetingPack.NewEscalation]
    var overdue: [MeetingPack.OverdueAction]
    var conflicts: [MeetingPack.ConflictToSettle]
    var waiting: [Waiting]

    init(version: Int, pack: MeetingPack) {
        self.version = version
        from = pack.from.description
        to = pack.to.description
        turns = pack.turnedAmberOrRed
        escalations = pack.newEscalations
        overdue = pack.overdueActions
        conflicts = pack.conflictsToSettle
        waiting = pack.waitingDecisions.map {
            Waiting(projectId: $0.projectId, process: $0.process.rawValue, subject: $0.subject, waitingOn: $0.waitingOn,
                    since: RFC3339.format($0.since))
        }
    }
}
