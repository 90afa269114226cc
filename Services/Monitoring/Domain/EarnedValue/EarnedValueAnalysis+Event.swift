import Foundation
import PMOModel

extension EarnedValueAnalysis {
    /// The figures as the health contract (`pmo.monitoring.health.assessed.v1`) carries them,
    /// rounded as ``EventRounding`` says; `nil` when SPI, CPI or EAC is undefined, because that
    /// version of the contract requires all three as numbers and has no way to say "undefined".
    ///
    /// Worked example: the contract's example gives PV 373,043.48, SV −21,043.48, SPI 0.9436,
    /// CPI 0.9003, EAC 888,636.36 and VAC −88,636.36 (EV 352,000, AC 391,000, BAC 800,000 and
    /// CV −39,000 as they are).
    public var eventFigures: EarnedValueFigures? {
        guard let spi = schedulePerformanceIndex, let cpi = costPerformanceIndex,
              let eac = estimateAtCompletion, let vac = varianceAtCompletion else { return nil }
        func money(_ amount: Decimal) -> Money { Money(EventRounding.money(amount), currency) }
        return EarnedValueFigures(
            plannedValue: money(plannedValue), earnedValue: money(earnedValue), actualCost: money(actualCost),
            budgetAtCompletion: money(budgetAtCompletion), scheduleVariance: money(scheduleVariance),
            costVariance: money(costVariance), schedulePerformanceIndex: EventRounding.index(spi),
            costPerformanceIndex: EventRounding.index(cpi), estimateAtCompletion: money(eac),
            varianceAtCompletion: money(vac))
    }
}

extension EarnedValueAnalysis {
    /// The figures as version 2 of the health contract (`pmo.monitoring.health.assessed.v2`)
    /// carries them, rounded as ``EventRounding`` says: an undefined index, and a forecast built
    /// on one, is left out rather than given a number.
    public var measures: EarnedValueMeasures {
        func money(_ amount: Decimal) -> Money { Money(EventRounding.money(amount), currency) }
        return EarnedValueMeasures(
            plannedValue: money(plannedValue), earnedValue: money(earnedValue), actualCost: money(actualCost),
            budgetAtCompletion: money(budgetAtCompletion), scheduleVariance: money(scheduleVariance),
            costVariance: money(costVariance), schedulePerformanceIndex: schedulePerformanceIndex.map(EventRounding.index),
            costPerformanceIndex: costPerformanceIndex.map(EventRounding.index), estimateMethod: method,
            estimateAtCompletion: estimateAtCompletion.map(money), estimateToComplete: estimateToComplete.map(money),
            varianceAtCompletion: varianceAtCompletion.map(money),
            toCompletePerformanceIndex: toCompletePerformanceIndex.map(EventRounding.index))
    }
}
