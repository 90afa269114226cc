import PMOModel

/// The planned-value curve against the work packages (check `planned-value-curve`, on the cost
/// plan): the curve's first point is not before the first work package starts, and its last
/// point is dated on the last work package's finish and reaches the budget at completion.
///
/// The contract already makes BAC the sum of the work packages' planned values and keeps the curve
/// in strictly increasing date order, never decreasing, all in BAC's currency: those are not
/// repeated. It also makes the last point equal BAC; that is checked again here because it is
/// half of "ends at BAC on the last finish" and costs nothing.
///
/// Worked example: packages from 2026-04-01 to 2027-03-31 and a curve whose first point is
/// 2026-03-15 give "The planned-value curve starts on 2026-03-15, before the first work package
/// starts on 2026-04-01."; a last point on 2027-03-15 gives "The planned-value curve ends on
/// 2027-03-15, not on the last work package finish of 2027-03-31."
public enum PlannedValueAlignment {
    /// The curve's findings: an empty curve, an early start, a wrong last date, a last value
    /// other than BAC, in that order.
    public static func check(_ baseline: PlanBaseline) -> [RuleFinding] {
        let starts = baseline.workPackages.map(\.plannedStart)
        let finishes = baseline.workPackages.map(\.plannedFinish)
        guard let firstStart = starts.min(), let lastFinish = finishes.max() else { return [] }
        guard let first = baseline.plannedValueCurve.first, let last = baseline.plannedValueCurve.last else {
            return [RuleFinding(.plannedValueCurve, on: .cost, "The planned-value curve has no points.")]
        }
        var findings: [RuleFinding] = []
        if first.date < firstStart {
            findings.append(RuleFinding(.plannedValueCurve, on: .cost,
                                        "The planned-value curve starts on \(first.date), before the first work package starts on \(firstStart)."))
        }
        if last.date != lastFinish {
            findings.append(RuleFinding(.plannedValueCurve, on: .cost,
                                        "The planned-value curve ends on \(last.date), not on the last work package finish of \(lastFinish)."))
        }
        let bac = baseline.budgetAtCompletion
        if last.cumulativePlannedValue != bac {
            findings.append(RuleFinding(.plannedValueCurve, on: .cost,
                                        "The planned-value curve ends at \(last.cumulativePlannedValue.readable), not at BAC of \(bac.readable)."))
        }
        return findings
    }
}
