import Foundation
import Testing
import PMOModel
@testable import Monitoring

/// The contract's example portfolio summary is what ``PortfolioSummary`` sums from the example
/// register entries under the example policy.
///
///     PRJ-2026-014  executing  red    BAC 800,000  PV 373,043.48  EV 352,000  AC 391,000  EAC 888,636.36
///     PRJ-2026-017  executing  amber  BAC 450,000  PV 180,000     EV 171,000  AC 175,500  EAC 461,842.11
///     PRJ-2025-044  closed     green  BAC 220,000  PV 220,000     EV 220,000  AC 212,500  EAC 212,500
///     PRJ-2026-019  chartered; PRJ-2026-021 proposed
///
/// BAC 1,470,000; EAC 1,562,978.47; SPI 743,000 / 773,043.48 = 0.96114 → 0.9611; CPI 743,000 /
/// 779,000 = 0.95379 → 0.9538; intake (12 + 23 + 9 + 15) / 4 = 14.75 days; plan reviews
/// (9 + 15 + 14) / 5 = 7.6 days; changes (8 + 3) / 3 = 3.6667 days (target 3: missed); one of
/// the two executing projects overdue: 50 % (target 90: missed).
@Suite("The portfolio contract examples agree with the summary rules")
struct PortfolioContractExampleTests {
    func exampleEntries() throws -> [PortfolioEntryUpdated] {
        let url = repositoryRoot.appendingPathComponent("schemas/examples/\(PortfolioEntryUpdated.eventType).json")
        return try PMOJSON.decode([PortfolioEntryUpdated].self, from: Data(contentsOf: url))
    }

    @Test func theExampleSummaryIsTheExampleRegisterSummed() throws {
        let entries = try exampleEntries()
        #expect(entries.count == 5)
        for entry in entries { #expect(entry.validate().isEmpty, "\(entry.projectId): \(entry.validate())") }
        let example = try exampleEvent(PortfolioSummaryPublished.self)
        let summary = PortfolioSummary(register: PortfolioRegister(entries), policy: try exampleEvent(PolicyPublished.self),
                                       now: example.publishedAt)
        #expect(summary.leftOutForCurrency.isEmpty)
        #expect(summary.event.validate().isEmpty)
        #expect(summary.event.kpis == example.kpis)
        #expect(summary.event.kpiResults == example.kpiResults)
        #expect(summary.event == example)
    }

    @Test func theExampleRegistersFiguresAreTheExampleHealths() throws {
        // PRJ-2026-014's entry carries the figures of its example health assessment.
        let health = try exampleEvent(HealthAssessed.self)
        let entry = try #require(try exampleEntries().first { $0.projectId == health.projectId })
        let figures = try #require(entry.figures)
        #expect(figures.asOf == health.asOf && entry.updatedAt == health.assessedAt)
        #expect(figures.plannedValue == health.figures.plannedValue && figures.earnedValue == health.figures.earnedValue)
        #expect(figures.actualCost == health.figures.actualCost)
        #expect(figures.estimateAtCompletion == health.figures.estimateAtCompletion)
        #expect(entry.budgetAtCompletion == health.figures.budgetAtCompletion && entry.health == health.ratings.overall)
    }
}
