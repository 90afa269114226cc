import Foundation
import Testing
import PMOModel
@testable import Monitoring

@Suite("Schedule and cost ratings: unrounded indices against the bands")
struct IndexRatingTests {
    @Test func aBandsEdgeBelongsToTheBetterBand() {
        // Green from 0.95, amber from 0.85.
        #expect(PerformanceIndexRating.rate(0.95, bands: scheduleBands) == .green)
        #expect(PerformanceIndexRating.rate(1.2, bands: scheduleBands) == .green)
        #expect(PerformanceIndexRating.rate(0.9499, bands: scheduleBands) == .amber)
        #expect(PerformanceIndexRating.rate(0.85, bands: scheduleBands) == .amber)
        #expect(PerformanceIndexRating.rate(0.8499, bands: scheduleBands) == .red)
        #expect(PerformanceIndexRating.rate(0, bands: scheduleBands) == .red)
    }

    @Test func theUnroundedIndexIsRatedNotTheOneTheEventShows() throws {
        // At 2026-01-20 PV = 30,000. EV 28,500: SPI = 0.95 exactly, green.
        let onTheEdge = try measured("2026-01-20", earned: 28_500, cost: 28_500).earnedValue
        #expect(onTheEdge.schedulePerformanceIndex == 0.95)
        #expect(ScheduleRating.rate(schedulePerformanceIndex: onTheEdge.schedulePerformanceIndex, bands: scheduleBands) == .green)
        // EV 28,498.80: SPI = 28,498.8 / 30,000 = 0.94996, shown as 0.95 but amber.
        let below = try measured("2026-01-20", earned: dec("28498.8"), cost: 28_500).earnedValue
        let spi = try #require(below.schedulePerformanceIndex)
        #expect(close(spi, 0.94996))
        #expect(EventRounding.index(spi) == 0.95)
        #expect(ScheduleRating.rate(schedulePerformanceIndex: spi, bands: scheduleBands) == .amber)
        // CPI = 28,498.8 / 28,500 = 0.99996: green either way.
        #expect(CostRating.rate(costPerformanceIndex: below.costPerformanceIndex, bands: costBands) == .green)
    }

    @Test func costAtTheAmberEdgeAndJustBelowIt() throws {
        // Cost bands green from 0.95, amber from 0.90. At 2026-01-20: EV 27,000, AC 30,000,
        // CPI = 0.9 exactly: amber. EV 26,999.70: CPI = 0.89999, shown as 0.9, red.
        let edge = try measured("2026-01-20", earned: 27_000, cost: 30_000).earnedValue
        #expect(edge.costPerformanceIndex == 0.9)
        #expect(CostRating.rate(costPerformanceIndex: edge.costPerformanceIndex, bands: costBands) == .amber)
        let under = try measured("2026-01-20", earned: dec("26999.7"), cost: 30_000).earnedValue
        #expect(EventRounding.index(under.costPerformanceIndex ?? 0) == 0.9)
        #expect(CostRating.rate(costPerformanceIndex: under.costPerformanceIndex, bands: costBands) == .red)
    }

    @Test func anUndefinedSPIIsGreenNothingWasPlannedYet() throws {
        // The day before the start: PV = 0, so SPI is undefined, with or without early earnings.
        for earned in [Decimal(0), 1_000] {
            let figures = try measured("2025-12-31", earned: earned, cost: 1_200).earnedValue
            #expect(figures.schedulePerformanceIndex == nil)
            #expect(ScheduleRating.rate(schedulePerformanceIndex: figures.schedulePerformanceIndex, bands: scheduleBands) == .green)
        }
    }

    @Test func anSPIOfZeroIsDefinedAndRed() throws {
        // At 2026-01-10 PV = 10,000 and nothing earned: SPI = 0.
        let figures = try measured("2026-01-10", earned: 0, cost: 0).earnedValue
        #expect(figures.schedulePerformanceIndex == 0)
        #expect(ScheduleRating.rate(schedulePerformanceIndex: figures.schedulePerformanceIndex, bands: scheduleBands) == .red)
        // Amber when the amber band starts at 0.
        #expect(ScheduleRating.rate(schedulePerformanceIndex: 0, bands: EarnedValueBands(greenFrom: 0.95, amberFrom: 0)) == .amber)
    }

    @Test func anUndefinedCPIIsGreenWhetherOrNotSomethingWasEarned() throws {
        // AC = 0: nothing spent. EV 0 (nothing earned either) and EV 8,000 (earned at no
        // recorded cost) are both green.
        for earned in [Decimal(0), 8_000] {
            let figures = try measured("2026-01-10", earned: earned, cost: 0).earnedValue
            #expect(figures.costPerformanceIndex == nil)
            #expect(CostRating.rate(costPerformanceIndex: figures.costPerformanceIndex, bands: costBands) == .green)
        }
    }

    @Test func aCPIOfZeroIsDefinedAndRed() throws {
        // 5,000 spent, nothing earned: CPI = 0.
        let figures = try measured("2026-01-10", earned: 0, cost: 5_000).earnedValue
        #expect(figures.costPerformanceIndex == 0)
        #expect(CostRating.rate(costPerformanceIndex: figures.costPerformanceIndex, bands: costBands) == .red)
    }
}
