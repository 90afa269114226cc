import PMOModel

/// The portfolio page's table: every project, filtered by phase, overall RAG, department and PM,
/// sorted by a column.
public struct PortfolioTable: Equatable, Sendable {
    /// What to keep; an empty or `nil` field keeps every project.
    public struct Filter: Equatable, Sendable {
        public var phase: String?
        public var rating: String?
        public var department: String?
        public var projectManager: String?

        public init(phase: String? = nil, rating: String? = nil, department: String? = nil, projectManager: String? = nil) {
            self.phase = phase
            self.rating = rating
            self.department = department
            self.projectManager = projectManager
        }
    }

    /// The columns the table sorts by.
    public enum SortKey: String, Sendable, CaseIterable {
        case project, title, phase, pm, priority, rag, spi, cpi, alerts
    }

    /// The rows, filtered and sorted.
    public var rows: [PortfolioRow]

    public init(_ view: PortfolioView, filter: Filter = Filter(), sort: SortKey = .project, descending: Bool = false) {
        func keep(_ row: PortfolioRow, _ project: ProjectView) -> Bool {
            if let phase = filter.phase, !phase.isEmpty, row.phase != phase { return false }
            if let rating = filter.rating, !rating.isEmpty, row.overall.rating != rating { return false }
            if let department = filter.department, !department.isEmpty,
               !(project.entry?.departments ?? project.charter?.departmentsInvolved ?? []).contains(department) { return false }
            if let pm = filter.projectManager, !pm.isEmpty, row.projectManager != pm { return false }
            return true
        }
        let priorities = ["critical": 0, "high": 1, "medium": 2, "low": 3]
        let ratings = ["red": 0, "amber": 1, "green": 2, "none": 3]
        var rows = view.projects.values.map { ($0, PortfolioRow($0)) }.filter { keep($0.1, $0.0) }.map(\.1)
        rows.sort { lhs, rhs in
            let order: Bool? = switch sort {
            case .project: nil
            case .title: lhs.title == rhs.title ? nil : lhs.title < rhs.title
            case .phase: lhs.phase == rhs.phase ? nil : lhs.phase < rhs.phase
            case .pm: lhs.projectManager == rhs.projectManager ? nil : lhs.projectManager < rhs.projectManager
            case .priority: priorities[lhs.priority, default: 9] == priorities[rhs.priority, default: 9] ? nil
                : priorities[lhs.priority, default: 9] < priorities[rhs.priority, default: 9]
            case .rag: ratings[lhs.overall.rating]! == ratings[rhs.overall.rating]! ? nil
                : ratings[lhs.overall.rating]! < ratings[rhs.overall.rating]!
            case .spi: lhs.spi == rhs.spi ? nil : lhs.spi < rhs.spi
            case .cpi: lhs.cpi == rhs.cpi ? nil : lhs.cpi < rhs.cpi
            case .alerts: lhs.openAlerts == rhs.openAlerts ? nil : lhs.openAlerts > rhs.openAlerts
            }
            guard let order else { return descending ? lhs.projectId > rhs.projectId : lhs.projectId < rhs.projectId }
            return descending ? !order : order
        }
        self.rows = rows
    }
}
