import Foundation
import PMOModel

/// A baseline's cumulative planned-value curve, read at any date (planned value, PV) and
/// inverted at any amount (earned schedule, ES).
///
/// **The time axis.** Time is counted in calendar days (no working calendar: weekends and holidays
/// count like any other day) from the *start* of the baseline's first day, ``start``. A date
/// stands for the *end* of that day, so a date D sits at
///
///     t(D) = start.days(until: D) + 1
///
/// days: the start day itself is day 1 (its end), the day before the start is 0. Counting this way
/// is inclusive: a baseline from 2026-04-01 to 2027-03-31 lasts 365 days, and PV "at" a status
/// date is what was planned to be earned by the end of that day.
///
/// **Reading PV at a date D** (linear interpolation on t between the curve's points):
/// - t(D) ≤ 0 (before the start day): 0;
/// - before the first point: linear from 0 at t = 0 (the start of ``start``) to the first point;
/// - between two points: linear between them;
/// - on a point: the point's value;
/// - after the last point: the budget at completion (BAC), which the contract makes the last
///   point's value.
///
/// **The start** is the earliest of the work packages' planned starts and the first point's date
/// (the planning review reports a curve starting before the first work package, so in a reviewed
/// plan it is the earliest planned start). **The planned finish** is the last point's date, where
/// the curve reaches BAC; the planned duration is t(finish).
///
/// Worked example, the contract's example baseline (work starts 2026-04-01; curve 150,000 on
/// 2026-06-30, 420,000 on 2026-09-30, 690,000 on 2026-12-31, 800,000 on 2027-03-31; BAC 800,000):
/// the points sit at t = 91, 183, 275 and 365;
/// - PV at 2026-09-14 (t = 167): 150,000 + (420,000 − 150,000) × (167 − 91) / (183 − 91)
///   = 150,000 + 270,000 × 76 / 92 = 373,043.48 (rounded);
/// - PV at 2026-04-10 (t = 10, before the first point): 150,000 × 10 / 91 = 16,483.52;
/// - PV at 2026-03-31 (t = 0) is 0; PV at 2027-06-30 (after the last point) is 800,000;
/// - the time to earn 352,000: 91 + 92 × (352,000 − 150,000) / 270,000 = 159.83 days.
public struct PlannedValueCurve: Sendable, Hashable {
    /// One point of the curve on the time axis: `day` = t(date), `value` = the cumulative planned
    /// value by the end of that date.
    struct Knot: Sendable, Hashable {
        var day: Int
        var value: Decimal
    }

    /// The baseline's first day: work starts at the beginning of it.
    public let start: CalendarDate
    /// The planned finish: the last point's date.
    public let finish: CalendarDate
    /// The budget at completion, the value after the last point.
    public let budgetAtCompletion: Decimal
    /// The currency of every amount on the curve.
    public let currency: String
    /// The points in date order, on the time axis.
    let knots: [Knot]

    /// The curve of `baseline`, starting on the earliest of its work packages' planned starts and
    /// its first point's date.
    ///
    /// Throws ``EarnedValueInputError/emptyCurve`` for a curve without points and
    /// ``EarnedValueInputError/currencyMismatch(expected:found:)`` for a point in another currency
    /// than BAC (both refused by the contract).
    public init(_ baseline: PlanBaseline) throws(EarnedValueInputError) {
        let earliest = baseline.workPackages.map(\.plannedStart).min()
        try self.init(points: baseline.plannedValueCurve, budgetAtCompletion: baseline.budgetAtCompletion,
                      start: earliest)
    }

    /// The curve through `points` (sorted by date here; the contract already keeps them in
    /// order), reaching `budgetAtCompletion` after the last one, starting on `start` or on the
    /// first point's date if that is earlier (or if `start` is `nil`).
    public init(points: [PlannedValuePoint], budgetAtCompletion: Money,
                start: CalendarDate? = nil) throws(EarnedValueInputError) {
        // A stable sort; the points are measured at every status report and almost always come in order.
        let sorted = zip(points, points.dropFirst()).allSatisfy({ !($1.date < $0.date) }) ? points
            : points.enumerated().sorted { ($0.element.date, $0.offset) < ($1.element.date, $1.offset) }.map(\.element)
        guard let first = sorted.first, let last = sorted.last else { throw .emptyCurve }
        if let other = sorted.first(where: { $0.cumulativePlannedValue.currency != budgetAtCompletion.currency }) {
            throw .currencyMismatch(expected: budgetAtCompletion.currency, found: other.cumulativePlannedValue.currency)
        }
        let origin = min(start ?? first.date, first.date)
        self.start = origin
        self.finish = last.date
        self.budgetAtCompletion = budgetAtCompletion.amount
        self.currency = budgetAtCompletion.currency
        self.knots = sorted.map { Knot(day: origin.days(until: $0.date) + 1, value: $0.cumulativePlannedValue.amount) }
    }

    /// t(`date`): the days from the beginning of ``start`` to the end of `date`, both counted
    /// (1 for the start day itself, 0 for the day before, negative earlier).
    public func elapsedDays(through date: CalendarDate) -> Int {
        start.days(until: date) + 1
    }

    /// The planned duration in days, the start and finish days both counted: t(``finish``).
    public var plannedDurationDays: Int {
        elapsedDays(through: finish)
    }

    /// The planned value by the end of `date` (unrounded).
    public func plannedValue(at date: CalendarDate) -> Decimal {
        let day = elapsedDays(through: date)
        guard day > 0 else { return 0 }
        var previous = Knot(day: 0, value: 0)
        for knot in knots {
            if day == knot.day { return knot.value }
            if day < knot.day {
                // previous.day < day < knot.day, so the segment has a length.
                let riseByDays = knot.value.subtracting(previous.value).multiplied(by: Decimal(day - previous.day))
                return previous.value.adding(riseByDays.divided(by: Decimal(knot.day - previous.day)))
            }
            previous = knot
        }
        return budgetAtCompletion
    }

    /// The earned schedule of `earnedValue`: the time t (in days, fractional) at which the curve
    /// first reaches it, read with the same linear interpolation as ``plannedValue(at:)``.
    ///
    /// - 0 for an amount of 0 or less;
    /// - the planned duration for an amount at or above BAC, or above every point;
    /// - where the curve is flat at exactly the amount, the earliest time it has it;
    /// - the nearest `Double` to the exact fractional day.
    public func elapsedDays(toEarn earnedValue: Decimal) -> Double {
        guard earnedValue > 0 else { return 0 }
        guard earnedValue.isBelow(budgetAtCompletion) else { return Double(plannedDurationDays) }
        var previous = Knot(day: 0, value: 0)
        for knot in knots {
            if !earnedValue.isAbove(knot.value) {
                // previous.value < earnedValue <= knot.value, so the segment rises. As one fraction,
                // (day₀ × rise + length × (EV − value₀)) / rise, read as the nearest Double to it.
                let rise = knot.value.subtracting(previous.value)
                let numerator = Decimal(previous.day).multiplied(by: rise)
                    .adding(Decimal(knot.day - previous.day).multiplied(by: earnedValue.subtracting(previous.value)))
                return Decimal.nearestQuotient(numerator, rise) ?? Double(previous.day)
            }
            previous = knot
        }
        return Double(plannedDurationDays)
    }
}
