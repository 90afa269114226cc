import Foundation
import Testing
import PMOModel
@testable import Monitoring

@Suite("A status report measured against its baseline")
struct PerformanceMeasurementTests {
    @Test func earnedValueFromPercentComplete() throws {
        // 40 % of BAC 60,000 = 24,000; the same figures as a reported EV of 24,000.
        let fromPercent = try PerformanceMeasurement.measure(report("2026-01-20", percent: 40, cost: 32_000), against: smallBaseline())
        #expect(fromPercent.earnedValue.earnedValue == 24_000)
        #expect(fromPercent == (try measured("2026-01-20", earned: 24_000, cost: 32_000)))
        // 12.3 % is read as 12.3 exactly, not as the binary double: 0.123 × 60,000 = 7,380.
        #expect(try PerformanceMeasurement.reportedEarnedValue(report("2026-01-20", percent: 12.3, cost: 0),
                                                                budgetAtCompletion: eur(60_000)) == 7_380)
    }

    @Test func aReportedEarnedValueWinsOverThePercentage() throws {
        let both = try PerformanceMeasurement.measure(report("2026-01-20", earned: 25_000, percent: 40, cost: 32_000),
                                                      against: smallBaseline())
        #expect(both.earnedValue.earnedValue == 25_000)
    }

    @Test func theFiguresAreAtTheEndOfThePeriod() throws {
        let measurement = try measured("2026-01-20", earned: 24_000, cost: 32_000)
        #expect(measurement.asOf == day("2026-01-20"))
        #expect(measurement.earnedValue.budgetAtCompletion == 60_000)
        #expect(measurement.earnedValue.currency == "EUR")
        #expect(measurement.earnedValue.method == .bacOverCPI)
    }

    @Test func inputsTheContractRefusesAreRefusedHereToo() {
        #expect(throws: EarnedValueInputError.noProgress) {
            try PerformanceMeasurement.measure(report("2026-01-20", cost: 1), against: smallBaseline())
        }
        #expect(throws: EarnedValueInputError.noProgress) {
            try PerformanceMeasurement.measure(report("2026-01-20", percent: .nan, cost: 1), against: smallBaseline())
        }
        var dollars = report("2026-01-20", earned: 24_000, cost: 32_000)
        dollars.actualCost = Money(32_000, "USD")
        #expect(throws: EarnedValueInputError.currencyMismatch(expected: "EUR", found: "USD")) {
            try PerformanceMeasurement.measure(dollars, against: smallBaseline())
        }
        var earnedInDollars = report("2026-01-20", earned: 24_000, cost: 32_000)
        earnedInDollars.earnedValue = Money(24_000, "USD")
        #expect(throws: EarnedValueInputError.currencyMismatch(expected: "EUR", found: "USD")) {
            try PerformanceMeasurement.measure(earnedInDollars, against: smallBaseline())
        }
    }
}
