import Foundation
import Testing
import PMOModel
@testable import Monitoring

@Suite("Earned-value figures and their undefined cases")
struct EarnedValueAnalysisTests {
    @Test func variancesAndIndices() throws {
        // At 2026-01-20 (t = 20) PV = 30,000; EV 24,000, AC 32,000.
        let figures = try measured("2026-01-20", earned: 24_000, cost: 32_000).earnedValue
        #expect(figures.plannedValue == 30_000)
        #expect(figures.scheduleVariance == -6_000)               // 24,000 − 30,000
        #expect(figures.costVariance == -8_000)                   // 24,000 − 32,000
        #expect(figures.schedulePerformanceIndex == 0.8)          // 24,000 / 30,000
        #expect(figures.costPerformanceIndex == 0.75)             // 24,000 / 32,000
    }

    @Test func eachEstimateAtCompletionMethod() throws {
        // BAC 60,000, PV 30,000, EV 24,000, AC 32,000: CPI 0.75, SPI 0.8, BAC − EV = 36,000.
        let byCPI = try measured("2026-01-20", earned: 24_000, cost: 32_000, method: .bacOverCPI).earnedValue
        #expect(EstimateAtCompletionMethod.default == .bacOverCPI)
        #expect(byCPI.estimateAtCompletion == 80_000)             // 60,000 / 0.75
        #expect(byCPI.estimateToComplete == 48_000)               // 80,000 − 32,000
        #expect(byCPI.varianceAtCompletion == -20_000)            // 60,000 − 80,000

        let remaining = try measured("2026-01-20", earned: 24_000, cost: 32_000, method: .acPlusRemaining).earnedValue
        #expect(remaining.estimateAtCompletion == 68_000)         // 32,000 + 36,000
        #expect(remaining.estimateToComplete == 36_000)           // 68,000 − 32,000
        #expect(remaining.varianceAtCompletion == -8_000)         // 60,000 − 68,000

        let both = try measured("2026-01-20", earned: 24_000, cost: 32_000, method: .acPlusRemainingOverCPIxSPI).earnedValue
        #expect(both.estimateAtCompletion == 92_000)              // 32,000 + 36,000 / (0.75 × 0.8 = 0.6)
        #expect(both.estimateToComplete == 60_000)                // 92,000 − 32,000
        #expect(both.varianceAtCompletion == -32_000)             // 60,000 − 92,000
    }

    @Test func toCompletePerformanceIndex() throws {
        // (60,000 − 24,000) / (60,000 − 32,000) = 36,000 / 28,000 = 9 / 7 = 1.2857…
        let figures = try measured("2026-01-20", earned: 24_000, cost: 32_000).earnedValue
        #expect(close(figures.toCompletePerformanceIndex, 9.0 / 7.0))
    }

    @Test func theContractExamplesFiguresUnrounded() {
        // BAC 800,000, PV 150,000 + 270,000 × 76 / 92, EV 352,000, AC 391,000.
        let plannedValue = 150_000 + Decimal(270_000) * 76 / 92
        let figures = EarnedValueAnalysis(plannedValue: plannedValue, earnedValue: 352_000, actualCost: 391_000,
                                          budgetAtCompletion: 800_000, currency: "EUR")
        #expect(close(figures.schedulePerformanceIndex, 352_000 * 92 / 34_320_000.0))   // 0.94358974…
        #expect(close(figures.costPerformanceIndex, 352.0 / 391.0))                     // 0.90025575…
        #expect(EventRounding.money(figures.estimateAtCompletion ?? 0) == dec("888636.36"))  // 800,000 × 391,000 / 352,000
        #expect(EventRounding.money(figures.estimateToComplete ?? 0) == dec("497636.36"))
        #expect(EventRounding.money(figures.varianceAtCompletion ?? 0) == dec("-88636.36"))
        #expect(close(figures.toCompletePerformanceIndex, 448.0 / 409.0))               // 1.09535452…
        var both = figures
        both = both.forecast(by: .acPlusRemainingOverCPIxSPI)
        // 391,000 + 448,000 × 391,000 × 373,043.478… / 352,000² = 918,386.36
        #expect(EventRounding.money(both.estimateAtCompletion ?? 0) == dec("918386.36"))
    }

    @Test func plannedValueZeroLeavesSPIUndefined() throws {
        // 2025-12-31 is the day before the start: PV 0. EV 1,000, AC 1,200.
        let figures = try measured("2025-12-31", earned: 1_000, cost: 1_200).earnedValue
        #expect(figures.plannedValue == 0)
        #expect(figures.scheduleVariance == 1_000)
        #expect(figures.schedulePerformanceIndex == nil)
        #expect(close(figures.costPerformanceIndex, 1_000.0 / 1_200.0))
        #expect(figures.estimateAtCompletion == 72_000)           // BAC / CPI needs no SPI: 60,000 × 1,200 / 1,000
        var both = figures
        both = both.forecast(by: .acPlusRemainingOverCPIxSPI)
        #expect(both.estimateAtCompletion == nil)
        #expect(both.estimateToComplete == nil)
        #expect(both.varianceAtCompletion == nil)
    }

    @Test func actualCostZeroLeavesCPIAndTheEACsThatNeedItUndefined() throws {
        // At 2026-01-10 PV = 10,000; EV 8,000, nothing spent yet.
        let figures = try measured("2026-01-10", earned: 8_000, cost: 0).earnedValue
        #expect(figures.costVariance == 8_000)
        #expect(figures.schedulePerformanceIndex == 0.8)
        #expect(figures.costPerformanceIndex == nil)
        #expect(figures.estimateAtCompletion == nil)
        #expect(figures.estimateToComplete == nil)
        #expect(figures.varianceAtCompletion == nil)
        #expect(close(figures.toCompletePerformanceIndex, 52.0 / 60.0))  // (60,000 − 8,000) / 60,000
        var remaining = figures
        remaining = remaining.forecast(by: .acPlusRemaining)
        #expect(remaining.estimateAtCompletion == 52_000)         // 0 + (60,000 − 8,000)
        var both = figures
        both = both.forecast(by: .acPlusRemainingOverCPIxSPI)
        #expect(both.estimateAtCompletion == nil)
    }

    @Test func earnedValueZeroMakesCPIZeroAndBACOverCPIUndefined() throws {
        let figures = try measured("2026-01-10", earned: 0, cost: 5_000).earnedValue
        #expect(figures.costPerformanceIndex == 0)
        #expect(figures.schedulePerformanceIndex == 0)
        #expect(figures.estimateAtCompletion == nil)              // BAC / 0
        var remaining = figures
        remaining = remaining.forecast(by: .acPlusRemaining)
        #expect(remaining.estimateAtCompletion == 65_000)         // 5,000 + 60,000
        var both = figures
        both = both.forecast(by: .acPlusRemainingOverCPIxSPI)
        #expect(both.estimateAtCompletion == nil)                 // CPI × SPI = 0
    }

    @Test func earnedValueAboveBACIsTakenAsReported() throws {
        // At 2026-02-09 PV = BAC = 60,000; EV 66,000 (10 % more than the whole budget), AC 70,000.
        let figures = try measured("2026-02-09", earned: 66_000, cost: 70_000).earnedValue
        #expect(figures.earnedValue == 66_000)
        #expect(figures.scheduleVariance == 6_000)
        #expect(close(figures.schedulePerformanceIndex, 1.1))
        #expect(close(figures.costPerformanceIndex, 66.0 / 70.0))
        // 60,000 × 70,000 / 66,000 = 63,636.3636…
        #expect(EventRounding.money(figures.estimateAtCompletion ?? 0) == dec("63636.36"))
        // BAC − EV = −6,000 over BAC − AC = −10,000.
        #expect(close(figures.toCompletePerformanceIndex, 0.6))
        var remaining = figures
        remaining = remaining.forecast(by: .acPlusRemaining)
        #expect(remaining.estimateAtCompletion == 64_000)         // 70,000 + (60,000 − 66,000)
    }

    @Test func actualCostEqualToBACLeavesTCPIUndefined() throws {
        // At 2026-01-30 PV = 50,000; EV 45,000, AC 60,000 = BAC.
        let figures = try measured("2026-01-30", earned: 45_000, cost: 60_000).earnedValue
        #expect(figures.toCompletePerformanceIndex == nil)
        #expect(figures.costPerformanceIndex == 0.75)
        #expect(figures.estimateAtCompletion == 80_000)           // 60,000 / 0.75
        // One cent more and the TCPI is defined, and negative: 15,000 / −0.01.
        let over = try measured("2026-01-30", earned: 45_000, cost: dec("60000.01")).earnedValue
        #expect(close(over.toCompletePerformanceIndex, -1_500_000))
    }
}
