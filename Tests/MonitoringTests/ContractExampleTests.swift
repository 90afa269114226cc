import Foundation
import Testing
import PMOModel
@testable import Monitoring

/// The monitoring contract's example health of PRJ-2026-014 is what the earned-value core
/// computes from the example status report against the example baseline.
@Suite("The contract examples agree with the earned-value core")
struct ContractExampleTests {
    @Test func theExampleHealthsFiguresAreTheExampleReportsAgainstTheExampleBaseline() throws {
        let baselined = try exampleEvent(ProjectBaselined.self)
        let report = try exampleEvent(StatusReported.self)
        let health = try exampleEvent(HealthAssessed.self)
        #expect(report.projectId == health.projectId && baselined.projectId == health.projectId)
        #expect(report.baselineRevision == health.baselineRevision && baselined.baselineRevision == health.baselineRevision)
        #expect(report.periodEnd == health.asOf)

        let measurement = try PerformanceMeasurement.measure(report, against: baselined.baseline)
        let computed = try #require(measurement.earnedValue.eventFigures)
        #expect(computed.plannedValue == health.figures.plannedValue)
        #expect(computed.earnedValue == health.figures.earnedValue)
        #expect(computed.actualCost == health.figures.actualCost)
        #expect(computed.budgetAtCompletion == health.figures.budgetAtCompletion)
        #expect(computed.scheduleVariance == health.figures.scheduleVariance)
        #expect(computed.costVariance == health.figures.costVariance)
        #expect(computed.schedulePerformanceIndex == health.figures.schedulePerformanceIndex)
        #expect(computed.costPerformanceIndex == health.figures.costPerformanceIndex)
        #expect(computed.estimateAtCompletion == health.figures.estimateAtCompletion)
        #expect(computed.varianceAtCompletion == health.figures.varianceAtCompletion)
        #expect(computed == health.figures)
    }

    @Test func theVersion2ExamplesAreWhatTheCoreComputesUndefinedFiguresIncluded() throws {
        let baselined = try exampleEvent(ProjectBaselined.self)
        let report = try exampleEvent(StatusReported.self)
        // 0: the example report; 1: the same project ten days in, nothing earned or spent yet.
        var early = report
        early.periodStart = try #require(CalendarDate("2026-04-01"))
        early.periodEnd = try #require(CalendarDate("2026-04-10"))
        early.earnedValue = Money(0, "EUR")
        early.actualCost = Money(0, "EUR")
        for (index, source) in [report, early].enumerated() {
            let health = try exampleEvent(HealthAssessedV2.self, index)
            #expect(health.measurement == .measured && health.asOf == source.periodEnd)
            let measurement = try PerformanceMeasurement.measure(source, against: baselined.baseline)
            #expect(measurement.earnedValue.measures == health.figures)
            #expect(measurement.earnedSchedule.measures == health.schedule)
        }
        // Ten days in with nothing spent: CPI, EAC, ETC and VAC are undefined, so absent;
        // SPI and SPI(t) are 0 and the forecast finish is undefined.
        let undefined = try #require(try exampleEvent(HealthAssessedV2.self, 1).figures)
        #expect(undefined.costPerformanceIndex == nil && undefined.estimateAtCompletion == nil)
        #expect(undefined.estimateToComplete == nil && undefined.varianceAtCompletion == nil)
        #expect(undefined.schedulePerformanceIndex == 0)
        #expect(try exampleEvent(HealthAssessedV2.self, 1).schedule?.forecastFinish == nil)
    }

    @Test func theExampleReportsPercentCompleteGivesTheSameEarnedValue() throws {
        // 44 % of 800,000 = 352,000, the report's own earned value.
        var report = try exampleEvent(StatusReported.self)
        let reported = try #require(report.earnedValue)
        report.earnedValue = nil
        let baseline = try exampleEvent(ProjectBaselined.self).baseline
        #expect(try PerformanceMeasurement.reportedEarnedValue(report, budgetAtCompletion: baseline.budgetAtCompletion)
                == reported.amount)
    }
}
