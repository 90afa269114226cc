import Foundation
import Testing
import PMOModel
@testable import Monitoring

@Suite("Earned schedule: ES, AT, SPI(t) and the forecast finish")
struct EarnedScheduleTests {
    @Test func earnedScheduleBetweenCurvePoints() throws {
        // EV 24,000 lies between t = 10 (10,000) and t = 30 (50,000): ES = 10 + 20 × 14,000 / 40,000 = 17.
        // At 2026-01-20, AT = 20; SPI(t) = 17 / 20 = 0.85.
        let schedule = try measured("2026-01-20", earned: 24_000, cost: 32_000).earnedSchedule
        #expect(schedule.earnedScheduleDays == 17)
        #expect(schedule.actualTimeDays == 20)
        #expect(schedule.plannedDurationDays == 40)
        #expect(close(schedule.timeBasedSchedulePerformanceIndex, 0.85))
        // PD / SPI(t) = 40 / 0.85 = 47.06 days, so the 48th day: 2026-01-01 + 47 = 2026-02-17.
        #expect(schedule.forecastFinish == day("2026-02-17"))
    }

    @Test func earnedScheduleBeforeTheFirstPoint() throws {
        // From 0 at t = 0 to 10,000 at t = 10: EV 4,000 is ES = 4. At 2026-01-05 (AT = 5), SPI(t) = 0.8.
        let schedule = try measured("2026-01-05", earned: 4_000, cost: 4_000).earnedSchedule
        #expect(schedule.earnedScheduleDays == 4)
        #expect(close(schedule.timeBasedSchedulePerformanceIndex, 0.8))
        // 40 / 0.8 = 50 days: 2026-01-01 + 49 = 2026-02-19.
        #expect(schedule.forecastFinish == day("2026-02-19"))
    }

    @Test func onPlanTheForecastIsThePlannedFinish() throws {
        // EV = PV = 30,000 at 2026-01-20: ES = 10 + 20 × 20,000 / 40,000 = 20 = AT.
        let schedule = try measured("2026-01-20", earned: 30_000, cost: 30_000).earnedSchedule
        #expect(schedule.earnedScheduleDays == 20)
        #expect(schedule.timeBasedSchedulePerformanceIndex == 1)
        #expect(schedule.forecastFinish == day("2026-02-09"))
    }

    @Test func theContractExamplesEarnedSchedule() throws {
        let measurement = try PerformanceMeasurement.measure(try exampleEvent(StatusReported.self),
                                                             against: try exampleEvent(ProjectBaselined.self).baseline)
        let schedule = measurement.earnedSchedule
        // ES = 91 + 92 × (352,000 − 150,000) / 270,000 = 159.8296…; AT = 167; PD = 365.
        #expect(close(schedule.earnedScheduleDays, 91 + 92 * 202_000 / 270_000.0))
        #expect(schedule.actualTimeDays == 167)
        #expect(schedule.plannedDurationDays == 365)
        // SPI(t) = 159.8296 / 167 = 0.9571; 365 / 0.9571 = 381.37, so the 382nd day: 2027-04-17.
        #expect(close(schedule.timeBasedSchedulePerformanceIndex, (91 + 92 * 202_000 / 270_000.0) / 167))
        #expect(schedule.forecastFinish == day("2027-04-17"))
    }

    @Test func aReportBeforeTheBaselineStartsHasNoTimeIndexOrForecast() throws {
        // 2025-12-20 is t = −11; nothing is planned yet, 500 already spent.
        let measurement = try measured("2025-12-20", earned: 0, cost: 500)
        #expect(measurement.earnedSchedule.actualTimeDays == -11)
        #expect(measurement.earnedSchedule.earnedScheduleDays == 0)
        #expect(measurement.earnedSchedule.timeBasedSchedulePerformanceIndex == nil)
        #expect(measurement.earnedSchedule.forecastFinish == nil)
        #expect(measurement.earnedValue.plannedValue == 0)
        #expect(measurement.earnedValue.schedulePerformanceIndex == nil)
        #expect(measurement.earnedValue.costPerformanceIndex == 0)
        #expect(measurement.earnedValue.estimateAtCompletion == nil)
        // On the day before the start AT is 0, still undefined.
        #expect(try measured("2025-12-31", earned: 0, cost: 0).earnedSchedule.timeBasedSchedulePerformanceIndex == nil)
    }

    @Test func nothingEarnedGivesASPItOfZeroAndNoForecast() throws {
        let schedule = try measured("2026-01-10", earned: 0, cost: 5_000).earnedSchedule
        #expect(schedule.earnedScheduleDays == 0)
        #expect(schedule.timeBasedSchedulePerformanceIndex == 0)
        #expect(schedule.forecastFinish == nil)
    }

    @Test func aReportAfterTheBaselineEnds() throws {
        // 2026-03-01 is t = 60, 20 days past the planned finish; PV = BAC = 60,000. EV 57,000, AC 66,000.
        let measurement = try measured("2026-03-01", earned: 57_000, cost: 66_000)
        #expect(measurement.earnedValue.plannedValue == 60_000)
        #expect(close(measurement.earnedValue.schedulePerformanceIndex, 0.95))
        // ES = 30 + 10 × 7,000 / 10,000 = 37; SPI(t) = 37 / 60 = 0.6167.
        #expect(measurement.earnedSchedule.earnedScheduleDays == 37)
        #expect(close(measurement.earnedSchedule.timeBasedSchedulePerformanceIndex, 37.0 / 60.0))
        // 40 / 0.6167 = 64.86, so the 65th day: 2026-01-01 + 64 = 2026-03-06.
        #expect(measurement.earnedSchedule.forecastFinish == day("2026-03-06"))
    }

    @Test func earnedValueAtOrAboveBACEarnsThePlannedDuration() throws {
        let schedule = try measured("2026-02-09", earned: 66_000, cost: 70_000).earnedSchedule
        #expect(schedule.earnedScheduleDays == 40)
        #expect(schedule.timeBasedSchedulePerformanceIndex == 1)
        #expect(try measured("2026-02-09", earned: 60_000, cost: 70_000).earnedSchedule.earnedScheduleDays == 40)
    }

    @Test func aFlatStretchEarnsItsEarliestDay() throws {
        // A curve flat at 10,000 from t = 10 to t = 20 (a holiday): 10,000 is earned at t = 10.
        var baseline = smallBaseline()
        baseline.plannedValueCurve.insert(PlannedValuePoint(date: day("2026-01-20"), cumulativePlannedValue: eur(10_000)), at: 1)
        let curve = try PlannedValueCurve(baseline)
        #expect(curve.elapsedDays(toEarn: 10_000) == 10)
        #expect(curve.plannedValue(at: day("2026-01-15")) == 10_000)
        // 30,000 lies between t = 20 (10,000) and t = 30 (50,000): 20 + 10 × 20,000 / 40,000 = 25.
        #expect(curve.elapsedDays(toEarn: 30_000) == 25)
    }

    /// A late project: 100 days planned at 1,000 a day (BAC 100,000 by 2026-04-10), but only 800
    /// a day earned, so it finishes on day 125 (2026-05-05).
    @Test func spiDriftsBackToOneAtTheEndOfALateProjectButSPItDoesNot() throws {
        let baseline = PlanBaseline(
            milestones: [Milestone(milestoneId: "MS-1", name: "Done", plannedDate: day("2026-04-10"))],
            workPackages: [WorkPackage(workPackageId: "WP-1", name: "All", plannedStart: day("2026-01-01"),
                                       plannedFinish: day("2026-04-10"), plannedValue: eur(100_000))],
            plannedValueCurve: [PlannedValuePoint(date: day("2026-04-10"), cumulativePlannedValue: eur(100_000))],
            budgetAtCompletion: eur(100_000))
        func at(_ date: String, _ earned: Decimal) throws -> PerformanceMeasurement {
            try PerformanceMeasurement.measure(report(date, earned: earned, cost: earned), against: baseline)
        }
        //                 t     PV        EV        SPI    ES    SPI(t)
        // 2026-02-19      50    50,000    40,000    0.80    40   0.80
        // 2026-04-10     100   100,000    80,000    0.80    80   0.80
        // 2026-04-30     120   100,000    96,000    0.96    96   0.80
        // 2026-05-05     125   100,000   100,000    1.00   100   0.80
        let reports = [try at("2026-02-19", 40_000), try at("2026-04-10", 80_000),
                       try at("2026-04-30", 96_000), try at("2026-05-05", 100_000)]
        #expect(reports.map(\.earnedValue.plannedValue) == [50_000, 100_000, 100_000, 100_000])
        #expect(reports.map(\.earnedValue.schedulePerformanceIndex) == [0.8, 0.8, 0.96, 1.0])
        #expect(reports.map(\.earnedSchedule.earnedScheduleDays) == [40, 80, 96, 100])
        #expect(reports.allSatisfy { close($0.earnedSchedule.timeBasedSchedulePerformanceIndex, 0.8) })
        // Every report forecasts the actual finish: 100 / 0.8 = 125 days, 2026-01-01 + 124.
        #expect(reports.allSatisfy { $0.earnedSchedule.forecastFinish == day("2026-05-05") })
    }
}
