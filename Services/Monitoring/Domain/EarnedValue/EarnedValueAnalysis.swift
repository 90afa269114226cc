import Foundation
import PMOModel

/// A project's earned-value figures at a status date: the three measures (PV, EV, AC) and BAC,
/// and everything derived from them.
///
/// Money is `Decimal` and never rounded here; indices are `Double`, computed from the exact
/// decimal quotient. A figure whose formula would divide by zero is `nil` (undefined), never NaN
/// or infinity. EAC-based figures use decimal arithmetic on the amounts (BAC / CPI is computed as
/// BAC × AC / EV), not a rounded CPI, multiplying first and dividing once, last.
///
/// | figure | formula | undefined when |
/// |---|---|---|
/// | SV | EV − PV | never |
/// | CV | EV − AC | never |
/// | SPI | EV / PV | PV = 0 |
/// | CPI | EV / AC | AC = 0 |
/// | EAC | by ``method`` (see ``EstimateAtCompletionMethod``) | the method needs an undefined or zero index |
/// | ETC | EAC − AC | EAC is undefined |
/// | VAC | BAC − EAC | EAC is undefined |
/// | TCPI | (BAC − EV) / (BAC − AC) | BAC = AC |
///
/// There is no fallback for an undefined EAC: a project that has spent nothing (AC = 0) or earned
/// nothing (EV = 0) has no cost performance to extrapolate, and the figure says so.
///
/// EV above BAC is taken as reported: the formulas apply unchanged (SV, CV and VAC may exceed
/// the budget, BAC − EV is negative, so ``acPlusRemaining`` gives less than AC and TCPI may be
/// negative). A TCPI is also negative once AC exceeds BAC: the budget can no longer be met.
///
/// Worked example, the contract's example (BAC 800,000, PV 373,043.48 at 2026-09-14, EV 352,000,
/// AC 391,000):
/// - SV = 352,000 − 373,043.48 = −21,043.48; CV = 352,000 − 391,000 = −39,000;
/// - SPI = 352,000 / 373,043.48 = 0.9436; CPI = 352,000 / 391,000 = 0.9003;
/// - EAC = BAC / CPI = 800,000 × 391,000 / 352,000 = 888,636.36; ETC = 888,636.36 − 391,000
///   = 497,636.36; VAC = 800,000 − 888,636.36 = −88,636.36;
/// - TCPI = (800,000 − 352,000) / (800,000 − 391,000) = 448,000 / 409,000 = 1.0954.
public struct EarnedValueAnalysis: Sendable, Hashable {
    /// The currency of every amount.
    public let currency: String
    /// Planned value (PV) to date.
    public let plannedValue: Decimal
    /// Earned value (EV) to date.
    public let earnedValue: Decimal
    /// Actual cost (AC) to date.
    public let actualCost: Decimal
    /// Budget at completion (BAC).
    public let budgetAtCompletion: Decimal
    /// How the estimate at completion is forecast.
    public let method: EstimateAtCompletionMethod

    /// SPI = EV / PV; `nil` when PV is 0 (at or before the start, or a curve still at 0).
    public let schedulePerformanceIndex: Double?
    /// CPI = EV / AC; `nil` when AC is 0.
    public let costPerformanceIndex: Double?
    /// EAC by ``method``; `nil` when the method needs an index that is undefined or zero.
    public let estimateAtCompletion: Decimal?
    /// TCPI = (BAC − EV) / (BAC − AC): the cost performance the remaining work needs to finish on
    /// budget; `nil` when AC equals BAC (no budget left to divide by).
    public let toCompletePerformanceIndex: Double?

    /// The figures from PV, EV, AC and BAC, all in `currency`. The indices and EAC are worked out
    /// here, once: each takes a decimal division, and a report's health, ratings, variance checks
    /// and trend all read them.
    public init(plannedValue: Decimal, earnedValue: Decimal, actualCost: Decimal, budgetAtCompletion: Decimal,
                currency: String, method: EstimateAtCompletionMethod = .default) {
        self.currency = currency
        self.plannedValue = plannedValue
        self.earnedValue = earnedValue
        self.actualCost = actualCost
        self.budgetAtCompletion = budgetAtCompletion
        self.method = method
        schedulePerformanceIndex = Decimal.nearestQuotient(earnedValue, plannedValue)
        costPerformanceIndex = Decimal.nearestQuotient(earnedValue, actualCost)
        estimateAtCompletion = Self.estimate(method, plannedValue: plannedValue, earnedValue: earnedValue,
                                             actualCost: actualCost, budgetAtCompletion: budgetAtCompletion)
        toCompletePerformanceIndex = Decimal.nearestQuotient(budgetAtCompletion.subtracting(earnedValue),
                                                              budgetAtCompletion.subtracting(actualCost))
    }

    /// The same measures with EAC forecast by `method`.
    public func forecast(by method: EstimateAtCompletionMethod) -> EarnedValueAnalysis {
        EarnedValueAnalysis(plannedValue: plannedValue, earnedValue: earnedValue, actualCost: actualCost,
                            budgetAtCompletion: budgetAtCompletion, currency: currency, method: method)
    }

    /// SV = EV − PV: negative when behind schedule.
    public var scheduleVariance: Decimal { earnedValue.subtracting(plannedValue) }

    /// CV = EV − AC: negative when over budget.
    public var costVariance: Decimal { earnedValue.subtracting(actualCost) }

    /// EAC by `method`; `nil` when the method needs an index that is undefined or zero.
    private static func estimate(_ method: EstimateAtCompletionMethod, plannedValue: Decimal, earnedValue: Decimal,
                                 actualCost: Decimal, budgetAtCompletion: Decimal) -> Decimal? {
        let remaining = budgetAtCompletion.subtracting(earnedValue)
        switch method {
        case .bacOverCPI:
            // BAC / (EV / AC) = BAC × AC / EV.
            guard actualCost != 0, earnedValue != 0 else { return nil }
            return budgetAtCompletion.multiplied(by: actualCost).divided(by: earnedValue)
        case .acPlusRemaining:
            return actualCost.adding(remaining)
        case .acPlusRemainingOverCPIxSPI:
            // CPI × SPI = (EV / AC) × (EV / PV), so the remaining work costs (BAC − EV) × AC × PV / EV².
            guard actualCost != 0, plannedValue != 0, earnedValue != 0 else { return nil }
            // One division, last, so that exact quotients stay exact.
            return actualCost.adding(remaining.multiplied(by: actualCost).multiplied(by: plannedValue)
                .divided(by: earnedValue.multiplied(by: earnedValue)))
        }
    }

    /// ETC = EAC − AC: what the rest is forecast to cost; `nil` when EAC is.
    public var estimateToComplete: Decimal? {
        estimateAtCompletion.map { $0.subtracting(actualCost) }
    }

    /// VAC = BAC − EAC: negative when the project is forecast to overrun; `nil` when EAC is.
    public var varianceAtCompletion: Decimal? {
        estimateAtCompletion.map { budgetAtCompletion.subtracting($0) }
    }
}
