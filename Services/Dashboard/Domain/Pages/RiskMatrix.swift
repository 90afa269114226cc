import PMOModel

/// The 5×5 risk matrix of a project's latest status report: probability (rows, high at the top)
/// by impact (columns), with the risks in each cell.
public struct RiskMatrix: Equatable, Sendable {
    /// One cell.
    public struct Cell: Equatable, Sendable {
        public var probability: Int
        public var impact: Int
        /// probability × impact, 1 to 25.
        public var score: Int
        /// `low`, `medium` or `high`: the cell's band, also written as text.
        public var band: String
        /// The ids of the open risks in the cell.
        public var risks: [String]
        public var count: Int { risks.count }
    }

    /// One row per probability level, 5 down to 1.
    public struct Row: Equatable, Sendable {
        public var probability: Int
        public var cells: [Cell]
    }

    public var rows: [Row]
    /// Every open risk, for the table beside the matrix.
    public var risks: [Risk]

    public init(_ project: ProjectView) {
        let open = (project.latestReport?.risks ?? []).filter { $0.status != .closed }
        risks = open
        func level(_ probability: Double) -> Int { min(5, max(1, Int((probability * 5).rounded(.up)))) }
        rows = (1...5).reversed().map { probability in
            Row(probability: probability, cells: (1...5).map { impact in
                let score = probability * impact
                return Cell(probability: probability, impact: impact, score: score,
                            band: score >= 15 ? "high" : score >= 8 ? "medium" : "low",
                            risks: open.filter { level($0.probability) == probability && $0.impact == impact }.map(\.riskId))
            })
        }
    }
}
