import Foundation
import Testing
import PMOModel
@testable import Monitoring

@Suite("Variance checks against the policy's threshold, in percent and in amount")
struct VarianceCheckTests {
    /// 10 % and 50,000 EUR.
    let threshold = VarianceThreshold(percent: 10, absolute: eur(50_000))

    func figures(pv: Decimal, ev: Decimal, ac: Decimal) -> EarnedValueAnalysis {
        EarnedValueAnalysis(plannedValue: pv, earnedValue: ev, actualCost: ac, budgetAtCompletion: 2_000_000, currency: "EUR")
    }

    @Test func theContractExample() throws {
        // PV 373,043.48 (unrounded), EV 352,000, AC 391,000.
        let report = try exampleEvent(StatusReported.self)
        let baseline = try exampleEvent(ProjectBaselined.self).baseline
        let figures = try PerformanceMeasurement.measure(report, against: baseline).earnedValue
        // SV −21,043.48 is −5.64 % of PV: within both limits.
        let schedule = VarianceCheck.schedule(figures, threshold: threshold)
        #expect(EventRounding.money(schedule.variance) == dec("-21043.48"))
        #expect(schedule.percent?.rounded(2) == dec("-5.64"))
        #expect(!schedule.breachesPercent && !schedule.breachesAbsolute && !schedule.breaches)
        // CV −39,000 is −11.08 % of EV 352,000: beyond 10 %, within 50,000.
        let cost = VarianceCheck.cost(figures, threshold: threshold)
        #expect(cost.variance == -39_000 && cost.base == 352_000)
        #expect(cost.percent?.rounded(2) == dec("-11.08"))
        #expect(cost.breachesPercent && !cost.breachesAbsolute && cost.breaches)
    }

    @Test func reachingBothLimitsExactlyIsNoBreachOneCentMoreBreachesBoth() {
        // PV 500,000, EV 450,000: SV −50,000 = −10 %.
        let edge = VarianceCheck.schedule(figures(pv: 500_000, ev: 450_000, ac: 450_000), threshold: threshold)
        #expect(edge.percent == -10)
        #expect(!edge.breaches)
        // EV 449,999.99: SV −50,000.01 = −10.000002 %.
        let over = VarianceCheck.schedule(figures(pv: 500_000, ev: dec("449999.99"), ac: 450_000), threshold: threshold)
        #expect(over.percent == dec("-10.000002"))
        #expect(over.breachesPercent && over.breachesAbsolute)
    }

    @Test func theAbsoluteLimitAloneIsEnough() {
        // PV 1,000,000, EV 940,000: SV −60,000 is only −6 %, but more than 50,000.
        let check = VarianceCheck.schedule(figures(pv: 1_000_000, ev: 940_000, ac: 940_000), threshold: threshold)
        #expect(check.percent == -6)
        #expect(!check.breachesPercent && check.breachesAbsolute && check.breaches)
        // The cost side: EV 940,000, AC 1,000,000: CV −60,000, −6.38 % of EV.
        let cost = VarianceCheck.cost(figures(pv: 1_000_000, ev: 940_000, ac: 1_000_000), threshold: threshold)
        #expect(cost.percent?.rounded(2) == dec("-6.38"))
        #expect(!cost.breachesPercent && cost.breachesAbsolute)
    }

    @Test func withPlannedValueZeroThereIsNoPercentage() {
        // The day before the start: PV 0, EV 1,000: SV +1,000, no percentage, no breach.
        let check = VarianceCheck.schedule(figures(pv: 0, ev: 1_000, ac: 1_200), threshold: threshold)
        #expect(check.percent == nil)
        #expect(check.variance == 1_000 && !check.breaches)
    }

    @Test func withNothingEarnedOnlyTheAbsoluteLimitApplies() {
        // EV 0, AC 60,000: CV −60,000, no percentage, above 50,000.
        let spent = VarianceCheck.cost(figures(pv: 100_000, ev: 0, ac: 60_000), threshold: threshold)
        #expect(spent.percent == nil)
        #expect(!spent.breachesPercent && spent.breachesAbsolute && spent.breaches)
        // AC 40,000: CV −40,000, within the amount, and no percentage to exceed.
        let less = VarianceCheck.cost(figures(pv: 100_000, ev: 0, ac: 40_000), threshold: threshold)
        #expect(less.percent == nil && !less.breaches)
        // The schedule side with nothing earned: SV = −PV = −100 %.
        let late = VarianceCheck.schedule(figures(pv: 100_000, ev: 0, ac: 40_000), threshold: threshold)
        #expect(late.percent == -100 && late.breachesPercent && late.breachesAbsolute)
    }

    @Test func aFavourableVarianceNeverBreaches() {
        // EV 300,000 against PV 200,000 (+50 %, +100,000) and AC 150,000 (+100 %, +150,000).
        let ahead = figures(pv: 200_000, ev: 300_000, ac: 150_000)
        let schedule = VarianceCheck.schedule(ahead, threshold: threshold)
        let cost = VarianceCheck.cost(ahead, threshold: threshold)
        #expect(schedule.percent == 50 && cost.percent == 50)
        #expect(!schedule.breaches && !cost.breaches)
    }

    @Test func anAbsoluteLimitInAnotherCurrencyIsNotCompared() {
        let dollars = VarianceThreshold(percent: 10, absolute: Money(50_000, "USD"))
        // CV −60,000 EUR at −6 % of EV 1,000,000: only the percentage decides, and it is within.
        let within = VarianceCheck.cost(figures(pv: 1_000_000, ev: 1_000_000, ac: 1_060_000), threshold: dollars)
        #expect(within.absoluteLimit == nil)
        #expect(!within.breaches)
        // CV −120,000 EUR at −12 %: the percentage breaches.
        let beyond = VarianceCheck.cost(figures(pv: 1_000_000, ev: 1_000_000, ac: 1_120_000), threshold: dollars)
        #expect(beyond.breachesPercent && !beyond.breachesAbsolute)
    }

    @Test func aFractionalPercentageIsReadAsWritten() {
        // 2.3 % of PV 1,000: SV −23 is exactly at the limit, −23.01 beyond it.
        let fractional = VarianceThreshold(percent: 2.3, absolute: eur(1_000_000))
        #expect(!VarianceCheck.schedule(figures(pv: 1_000, ev: 977, ac: 977), threshold: fractional).breaches)
        #expect(VarianceCheck.schedule(figures(pv: 1_000, ev: dec("976.99"), ac: 977), threshold: fractional).breaches)
    }
}
