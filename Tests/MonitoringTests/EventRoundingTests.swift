import Foundation
import Testing
import PMOModel
@testable import Monitoring

@Suite("Rounding for events")
struct EventRoundingTests {
    @Test func moneyToCentsHalvesAwayFromZero() {
        #expect(EventRounding.money(dec("21043.475")) == dec("21043.48"))
        #expect(EventRounding.money(dec("-21043.475")) == dec("-21043.48"))
        #expect(EventRounding.money(dec("0.125")) == dec("0.13"))     // not to the even cent
        #expect(EventRounding.money(dec("373043.4782608")) == dec("373043.48"))
        #expect(EventRounding.money(dec("0.004")) == 0)
        #expect(EventRounding.money(dec("-0.004")) == 0)
    }

    @Test func indicesToFourDecimals() {
        #expect(EventRounding.index(0.94358974358974) == 0.9436)
        #expect(EventRounding.index(0.90025575447570) == 0.9003)
        #expect(EventRounding.index(0.00005) == 0.0001)   // a half, although the double is a hair below
        #expect(EventRounding.index(0.94996) == 0.95)
        #expect(EventRounding.index(-0.00001).sign == .plus)
    }

    @Test func theBinaryShortcutRoundsEveryIndexAsTheDecimalDigitsDo() {
        // Halves of every kind (where the shortcut hands over to the decimal path), their
        // neighbours one ulp away, and random indices of the sizes reports give.
        var values: [Double] = []
        for k in stride(from: -30_000, through: 30_000, by: 7) {
            let half = (Double(k) + 0.5) / 10_000
            values += [half, half.nextUp, half.nextDown, Double(k) / 10_000]
        }
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            values.append(Double.random(in: -3...3, using: &generator))
            values.append(Double.random(in: 0...1e7, using: &generator))
            values.append(Double(bitPattern: generator.next()))
        }
        // Foundation's Decimal cannot hold the digits of a Double below about 10⁻¹¹⁰ (its exponent
        // stops at −128), so the decimal path is no reference there; the shortcut gives 0.
        values = values.filter { $0 == 0 || abs($0) >= 1e-100 }
        #expect(EventRounding.index(1e-200) == 0 && EventRounding.index(-1e-200).sign == .plus)
        let differing = values.filter { EventRounding.index($0).bitPattern != EventRounding.exactIndex($0).bitPattern }
        #expect(differing.isEmpty, "first of \(differing.count): \(differing.prefix(5))")
    }

    @Test func ratingsSeeTheUnroundedIndex() throws {
        // SPI = 47,498 / 50,000 = 0.94996: the event shows 0.95, the index itself stays below 0.95.
        let figures = try measured("2026-01-30", earned: 47_498, cost: 47_498).earnedValue
        #expect(figures.schedulePerformanceIndex == 0.94996)
        #expect(try #require(figures.schedulePerformanceIndex) < 0.95)
        #expect(figures.eventFigures?.schedulePerformanceIndex == 0.95)
    }

    @Test func theHealthContractsFiguresAreRounded() throws {
        // EV 24,000 and AC 32,000 at 2026-01-13: PV 16,000; SPI 1.5; CPI 0.75; EAC 80,000.
        let figures = try #require(try measured("2026-01-13", earned: 24_000, cost: 32_000).earnedValue.eventFigures)
        #expect(figures == EarnedValueFigures(
            plannedValue: eur(16_000), earnedValue: eur(24_000), actualCost: eur(32_000), budgetAtCompletion: eur(60_000),
            scheduleVariance: eur(8_000), costVariance: eur(-8_000), schedulePerformanceIndex: 1.5,
            costPerformanceIndex: 0.75, estimateAtCompletion: eur(80_000), varianceAtCompletion: eur(-20_000)))
        #expect(figures.violations().isEmpty)
    }

    @Test func undefinedFiguresCannotBeWrittenIntoTheVersionOneContract() throws {
        #expect(try measured("2025-12-31", earned: 0, cost: 0).earnedValue.eventFigures == nil)      // PV 0
        #expect(try measured("2026-01-10", earned: 8_000, cost: 0).earnedValue.eventFigures == nil)  // AC 0
        #expect(try measured("2026-01-10", earned: 0, cost: 5_000).earnedValue.eventFigures == nil)  // EAC
    }
}
