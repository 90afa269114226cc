import Foundation
import Testing
import PMOModel
@testable import Monitoring

@Suite("The health ratings together, overall the worst")
struct HealthRatingTests {
    @Test func theContractExampleIsRatedAsItsHealthSays() throws {
        // SPI 0.94359 amber (0.85 ≤ it < 0.95), CPI 0.90026 amber (0.90 ≤ it < 0.95), quality
        // amber (14 open, 2 failed), risk red (R-2: 0.8 × 4 = 3.2 ≥ 3.0): overall red.
        let report = try exampleEvent(StatusReported.self)
        let baseline = try exampleEvent(ProjectBaselined.self).baseline
        let policy = try exampleEvent(PolicyPublished.self).monitoring
        let figures = try PerformanceMeasurement.measure(report, against: baseline).earnedValue
        let ratings = HealthRating.ratings(figures, report: report, policy: policy)
        #expect(ratings == HealthRatings(schedule: .amber, cost: .amber, quality: .amber, risk: .red, overall: .red))
        #expect(ratings == (try exampleEvent(HealthAssessedV2.self, 0)).ratings)
        #expect(ratings == (try exampleEvent(HealthAssessed.self)).ratings)
        #expect(ratings.violations().isEmpty)
    }

    @Test func theContractsEarlyExampleIsRatedAsItsHealthSays() throws {
        // Ten days in, nothing earned or spent, no defects and no risks: SPI 0 red, CPI
        // undefined green; overall red.
        var report = try exampleEvent(StatusReported.self)
        report.periodStart = day("2026-04-01")
        report.periodEnd = day("2026-04-10")
        report.earnedValue = eur(0)
        report.actualCost = eur(0)
        report.quality = quality(open: 0, failed: 0)
        report.risks = []
        let baseline = try exampleEvent(ProjectBaselined.self).baseline
        let figures = try PerformanceMeasurement.measure(report, against: baseline).earnedValue
        let ratings = HealthRating.ratings(figures, report: report, policy: try exampleEvent(PolicyPublished.self).monitoring)
        #expect(ratings == HealthRatings(schedule: .red, cost: .green, quality: .green, risk: .green, overall: .red))
        #expect(ratings == (try exampleEvent(HealthAssessedV2.self, 1)).ratings)
    }

    @Test func overallIsTheWorstDimension() {
        let policy = plainPolicy()
        func rated(spi: Double?, cpi: Double?, open: Int = 0, risks: [Risk] = []) -> HealthRatings {
            HealthRating.ratings(schedulePerformanceIndex: spi, costPerformanceIndex: cpi,
                                 quality: quality(open: open, failed: 0), risks: risks, policy: policy)
        }
        #expect(rated(spi: 1, cpi: 1) == HealthRatings(schedule: .green, cost: .green, quality: .green, risk: .green, overall: .green))
        #expect(rated(spi: nil, cpi: nil).overall == .green)
        // One amber dimension, each in turn.
        #expect(rated(spi: 0.9, cpi: 1).overall == .amber)
        #expect(rated(spi: 1, cpi: 0.92).overall == .amber)
        #expect(rated(spi: 1, cpi: 1, open: 10).overall == .amber)
        #expect(rated(spi: 1, cpi: 1, risks: [risk("R-1", 0.5, 4)]).overall == .amber)       // 2.0
        // One red dimension, each in turn, beside ambers.
        #expect(rated(spi: 0.8, cpi: 0.92).overall == .red)
        #expect(rated(spi: 0.9, cpi: 0.5).overall == .red)
        #expect(rated(spi: 0.9, cpi: 0.92, open: 20) == HealthRatings(schedule: .amber, cost: .amber, quality: .red,
                                                                      risk: .green, overall: .red))
        #expect(rated(spi: 0.9, cpi: 1, open: 10, risks: [risk("R-1", 1, 3)]) ==
                HealthRatings(schedule: .amber, cost: .green, quality: .amber, risk: .red, overall: .red))
    }

    @Test func everyCombinationKeepsTheContractsRule() {
        // 3⁴ combinations of the dimensions through SPI, CPI, open defects and one risk; each
        // result passes the contract's own check that overall is the worst.
        let policy = plainPolicy()
        for spi in [1.0, 0.9, 0.5] {
            for cpi in [1.0, 0.92, 0.5] {
                for open in [0, 10, 20] {
                    for probability in [0.1, 0.5, 1.0] {
                        let ratings = HealthRating.ratings(schedulePerformanceIndex: spi, costPerformanceIndex: cpi,
                                                           quality: quality(open: open, failed: 0),
                                                           risks: [risk("R-1", probability, 4)], policy: policy)
                        #expect(ratings.violations().isEmpty, "\(ratings)")
                    }
                }
            }
        }
    }
}
