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
