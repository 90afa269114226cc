import Foundation
import PMOModel

/// The planned-value curve of a revised baseline. The PM's curve keeps its shape for the work
/// that does not change: each changed package's share is taken out as a straight line over its
/// old dates and put back as a straight line over its new ones (a package earns its planned value
/// evenly over its days, dates inclusive).
///
/// The curve keeps its dates before the new finish and ends on the new finish at the new BAC.
/// Values are in cents (rounded half away from zero), never below zero, never decreasing, and
/// never above the BAC.
public enum PlannedValueCurveRevision {
    /// The revised curve.
    public static func revise(_ curve: [PlannedValuePoint], before: [WorkPackage], after: [WorkPackage],
                              finish: CalendarDate, budgetAtCompletion: Money) -> [PlannedValuePoint] {
        let currency = budgetAtCompletion.currency
        var dates = curve.map(\.date).filter { $0 < finish }
        dates.append(finish)
        var points: [PlannedValuePoint] = []
        var floor = Decimal(0)
        for (position, date) in dates.enumerated() {
            var value: Decimal
            if position == dates.count - 1 {
                value = budgetAtCompletion.amount
            } else {
                value = cumulative(curve, at: date)
                for package in after { value += earned(package, by: date) }
                for package in before { value -= earned(package, by: date) }
                value = min(max(cents(value), floor), budgetAtCompletion.amount)
            }
            floor = value
            points.append(PlannedValuePoint(date: date, cumulativePlannedValue: Money(value, currency)))
        }
        return points
    }

    /// The old curve's value at `date`: interpolated by days between its points, 0 before the
    /// first, its last value after the last.
    static func cumulative(_ curve: [PlannedValuePoint], at date: CalendarDate) -> Decimal {
        guard let first = curve.first else { return 0 }
        if date < first.date { return 0 }
        var previous = first
        for point in curve {
            if point.date == date { return point.cumulativePlannedValue.amount }
            if date < point.date {
                let span = previous.date.days(until: point.date)
                let elapsed = previous.date.days(until: date)
                let rise = point.cumulativePlannedValue.amount - previous.cumulativePlannedValue.amount
                return previous.cumulativePlannedValue.amount + rise * Decimal(elapsed) / Decimal(span)
            }
            previous = point
        }
        return previous.cumulativePlannedValue.amount
    }

    /// What `package` has earned by the end of `date`, evenly over its days.
    static func earned(_ package: WorkPackage, by date: CalendarDate) -> Decimal {
        let duration = max(package.plannedStart.days(until: package.plannedFinish) + 1, 1)
        let elapsed = min(max(package.plannedStart.days(until: date) + 1, 0), duration)
        if elapsed == duration { return package.plannedValue.amount }
        return package.plannedValue.amount * Decimal(elapsed) / Decimal(duration)
    }

    /// `value` rounded to cents, half away from zero.
    static func cents(_ value: Decimal) -> Decimal {
        var value = value
        var rounded = Decimal()
        NSDecimalRound(&rounded, &value, 2, .plain)
        return rounded
    }
}
