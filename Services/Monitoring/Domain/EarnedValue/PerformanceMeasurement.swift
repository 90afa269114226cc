import Foundation
import PMOModel

/// A status report measured against a baseline: its earned-value figures and its earned
/// schedule at the end of the reported period.
///
/// - PV is the baseline's planned value by the end of the report's `periodEnd` (see
///   ``PlannedValueCurve``);
/// - EV is the report's `earnedValue` when given, otherwise `percentComplete` / 100 × BAC (the
///   percentage read as the decimal Swift prints for it, so 44 % of 800,000 is exactly 352,000);
/// - AC is the report's `actualCost`; BAC is the baseline's.
///
/// Worked example: the contract's example report for PRJ-2026-014 (period ending 2026-09-14,
/// EV 352,000, AC 391,000) against the example baseline (BAC 800,000) gives PV 373,043.48,
/// SPI 0.9436, CPI 0.9003, EAC 888,636.36 and SPI(t) 0.9571 (see ``EarnedValueAnalysis`` and
/// ``EarnedSchedule`` for the arithmetic). With `percentComplete` 44 and no `earnedValue`, EV is
/// 0.44 × 800,000 = 352,000 and every figure is the same.
public struct PerformanceMeasurement: Sendable, Hashable {
    /// The status date: the end of the reported period.
    public var asOf: CalendarDate
    /// The earned-value figures.
    public var earnedValue: EarnedValueAnalysis
    /// The earned schedule.
    public var earnedSchedule: EarnedSchedule

    /// Measures `earnedValue` and `actualCost` (in the curve's currency) at the end of `asOf`.
    public init(curve: PlannedValueCurve, asOf: CalendarDate, earnedValue: Decimal, actualCost: Decimal,
                method: EstimateAtCompletionMethod = .default) {
        self.asOf = asOf
        self.earnedValue = EarnedValueAnalysis(
            plannedValue: curve.plannedValue(at: asOf), earnedValue: earnedValue, actualCost: actualCost,
            budgetAtCompletion: curve.budgetAtCompletion, currency: curve.currency, method: method)
        self.earnedSchedule = EarnedSchedule(curve: curve, earnedValue: earnedValue, asOf: asOf)
    }

    /// Measures `report` against `baseline`, forecasting EAC by `method`.
    ///
    /// Throws ``EarnedValueInputError/currencyMismatch(expected:found:)`` when the report's
    /// amounts are not in BAC's currency, ``EarnedValueInputError/noProgress`` when it gives
    /// neither an earned value nor a finite percent complete, and the curve's errors (see
    /// ``PlannedValueCurve/init(_:)``).
    public static func measure(_ report: StatusReported, against baseline: PlanBaseline,
                               method: EstimateAtCompletionMethod = .default) throws(EarnedValueInputError) -> PerformanceMeasurement {
        let curve = try PlannedValueCurve(baseline)
        let earned = try reportedEarnedValue(report, budgetAtCompletion: baseline.budgetAtCompletion)
        guard report.actualCost.currency == curve.currency else {
            throw .currencyMismatch(expected: curve.currency, found: report.actualCost.currency)
        }
        return PerformanceMeasurement(curve: curve, asOf: report.periodEnd, earnedValue: earned,
                                      actualCost: report.actualCost.amount, method: method)
    }

    /// EV of `report`: its `earnedValue` when given, otherwise `percentComplete` / 100 × BAC.
    public static func reportedEarnedValue(_ report: StatusReported,
                                           budgetAtCompletion: Money) throws(EarnedValueInputError) -> Decimal {
        if let earned = report.earnedValue {
            guard earned.currency == budgetAtCompletion.currency else {
                throw .currencyMismatch(expected: budgetAtCompletion.currency, found: earned.currency)
            }
            return earned.amount
        }
        guard let percent = report.percentComplete, let exact = Decimal(shortest: percent) else { throw .noProgress }
        return exact.multiplied(by: budgetAtCompletion.amount).divided(by: 100)
    }
}
