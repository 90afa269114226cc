import Foundation
import Testing
import PMOModel
@testable import Monitoring

@Suite("Planned value read from the baseline's curve")
struct PlannedValueCurveTests {
    @Test func theTimeAxisCountsTheStartDayAsDayOne() throws {
        let curve = try smallCurve()
        #expect(curve.start == day("2026-01-01"))
        #expect(curve.finish == day("2026-02-09"))
        #expect(curve.elapsedDays(through: day("2026-01-01")) == 1)
        #expect(curve.elapsedDays(through: day("2025-12-31")) == 0)
        #expect(curve.elapsedDays(through: day("2025-12-20")) == -11)
        // 2026-01-01 to 2026-02-09 is 39 days apart; both ends counted, 40 days.
        #expect(curve.plannedDurationDays == 40)
        #expect(curve.knots.map(\.day) == [10, 30, 40])
    }

    @Test func midSegmentIsLinearByCalendarDay() throws {
        let curve = try smallCurve()
        // 2026-01-20 is t = 20, halfway from t = 10 (10,000) to t = 30 (50,000):
        // 10,000 + 40,000 × 10 / 20 = 30,000.
        #expect(curve.plannedValue(at: day("2026-01-20")) == 30_000)
        // 2026-01-13 is t = 13: 10,000 + 40,000 × 3 / 20 = 16,000.
        #expect(curve.plannedValue(at: day("2026-01-13")) == 16_000)
        // 2026-02-02 is t = 33, from t = 30 (50,000) to t = 40 (60,000): 50,000 + 10,000 × 3 / 10 = 53,000.
        #expect(curve.plannedValue(at: day("2026-02-02")) == 53_000)
    }

    @Test func onAPointItIsThePointsValue() throws {
        let curve = try smallCurve()
        #expect(curve.plannedValue(at: day("2026-01-10")) == 10_000)
        #expect(curve.plannedValue(at: day("2026-01-30")) == 50_000)
        #expect(curve.plannedValue(at: day("2026-02-09")) == 60_000)
    }

    @Test func beforeTheFirstPointItRisesFromZeroAtTheStartOfTheFirstDay() throws {
        let curve = try smallCurve()
        // From 0 at t = 0 to 10,000 at t = 10: 1,000 a day.
        #expect(curve.plannedValue(at: day("2026-01-01")) == 1_000)  // the end of the start day
        #expect(curve.plannedValue(at: day("2026-01-05")) == 5_000)  // t = 5
        #expect(curve.plannedValue(at: day("2026-01-09")) == 9_000)  // t = 9
    }

    @Test func onOrBeforeTheDayBeforeTheStartItIsZero() throws {
        let curve = try smallCurve()
        #expect(curve.plannedValue(at: day("2025-12-31")) == 0)  // t = 0
        #expect(curve.plannedValue(at: day("2025-06-30")) == 0)
    }

    @Test func afterTheLastPointItIsBAC() throws {
        let curve = try smallCurve()
        #expect(curve.plannedValue(at: day("2026-02-10")) == 60_000)
        #expect(curve.plannedValue(at: day("2027-12-31")) == 60_000)
    }

    @Test func theContractExampleCurveGivesTheIssuesFigure() throws {
        let curve = try PlannedValueCurve(try exampleEvent(ProjectBaselined.self).baseline)
        // Start 2026-04-01; 2026-06-30 is t = 91, 2026-09-30 t = 183, 2026-09-14 t = 167:
        // 150,000 + 270,000 × (167 − 91) / (183 − 91) = 150,000 + 270,000 × 76 / 92 = 373,043.478…
        #expect(curve.plannedDurationDays == 365)
        #expect(EventRounding.money(curve.plannedValue(at: day("2026-09-14"))) == dec("373043.48"))
        // Before the first point: 150,000 × 10 / 91 = 16,483.516…
        #expect(EventRounding.money(curve.plannedValue(at: day("2026-04-10"))) == dec("16483.52"))
    }

    @Test func aFirstPointBeforeTheFirstWorkPackageStartsTheCurve() throws {
        // The planning review reports such a curve; monitoring still reads it: it starts on the
        // point's date, 2025-12-27 (t = 1), and rises from 0 to 2,000 by the end of that day.
        var baseline = smallBaseline()
        baseline.plannedValueCurve.insert(PlannedValuePoint(date: day("2025-12-27"), cumulativePlannedValue: eur(2_000)), at: 0)
        let curve = try PlannedValueCurve(baseline)
        #expect(curve.start == day("2025-12-27"))
        #expect(curve.plannedValue(at: day("2025-12-26")) == 0)
        #expect(curve.plannedValue(at: day("2025-12-27")) == 2_000)
        // 2026-01-10 is now t = 15; from t = 1 (2,000) to t = 15 (10,000): 2026-01-03 (t = 8) is
        // 2,000 + 8,000 × 7 / 14 = 6,000.
        #expect(curve.plannedValue(at: day("2026-01-03")) == 6_000)
    }

    @Test func aCurveWithoutPointsOrInAnotherCurrencyIsRefused() {
        var empty = smallBaseline()
        empty.plannedValueCurve = []
        #expect(throws: EarnedValueInputError.emptyCurve) { try PlannedValueCurve(empty) }
        var dollars = smallBaseline()
        dollars.plannedValueCurve[1].cumulativePlannedValue = Money(50_000, "USD")
        #expect(throws: EarnedValueInputError.currencyMismatch(expected: "EUR", found: "USD")) {
            try PlannedValueCurve(dollars)
        }
    }
}
