import PMOModel

/// One project's line in the portfolio table.
public struct PortfolioRow: Equatable, Sendable, Encodable {
    public var projectId: String
    public var title: String
    public var phase: String
    public var projectManager: String
    public var priority: String
    public var departments: String
    public var schedule: RAGCell
    public var cost: RAGCell
    public var quality: RAGCell
    public var risk: RAGCell
    public var overall: RAGCell
    public var spi: String
    public var cpi: String
    public var budgetAtCompletion: String
    public var estimateAtCompletion: String
    public var baselineRevision: String
    public var openAlerts: Int

    /// The row of `project`.
    public init(_ project: ProjectView) {
        let entry = project.entry
        let latest = project.latestHealth
        projectId = project.projectId
        title = project.title
        phase = entry?.phase.rawValue ?? (project.charter != nil ? "chartered" : project.intakePhase)
        projectManager = entry?.projectManager ?? project.charter?.projectManager ?? Figures.dash
        priority = entry?.priority?.rawValue ?? project.charter?.priority.rawValue ?? Figures.dash
        departments = (entry?.departments ?? project.charter?.departmentsInvolved ?? []).joined(separator: ", ")
        schedule = RAGCell(latest?.ratings?.schedule)
        cost = RAGCell(latest?.ratings?.cost)
        quality = RAGCell(latest?.ratings?.quality)
        risk = RAGCell(latest?.ratings?.risk)
        overall = RAGCell(latest?.ratings?.overall ?? entry?.health)
        spi = Figures.index(latest?.figures?.schedulePerformanceIndex)
        cpi = Figures.index(latest?.figures?.costPerformanceIndex)
        budgetAtCompletion = Figures.money(latest?.figures?.budgetAtCompletion ?? entry?.budgetAtCompletion)
        estimateAtCompletion = Figures.money(latest?.figures?.estimateAtCompletion ?? entry?.figures?.estimateAtCompletion)
        baselineRevision = (entry?.baselineRevision ?? project.currentBaseline?.revision).map { "r\($0)" } ?? Figures.dash
        openAlerts = project.openAlerts.count
    }
}
