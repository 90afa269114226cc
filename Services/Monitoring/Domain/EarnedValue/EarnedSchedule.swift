import Foundation
import PMOModel

/// Earned schedule at a status date: how far along the plan the earned value is, in time.
///
/// All times are days on the curve's time axis (see ``PlannedValueCurve``: calendar days from the
/// beginning of the baseline's first day, a date standing for its end, both ends counted):
/// - **ES**, earned schedule: the time at which the planned-value curve reaches EV, read with the
///   same linear interpolation (0 for EV = 0; the planned duration for EV ≥ BAC);
/// - **AT**, actual time: t(status date) = days from the baseline's start to the status date + 1;
/// - **PD**, planned duration: t(planned finish);
/// - **SPI(t)** = ES / AT; undefined when AT ≤ 0 (a status date before the baseline starts);
/// - **forecast finish**: the day in which the time PD / SPI(t) ends, that is the start plus
///   ⌈PD / SPI(t)⌉ − 1 days; undefined when SPI(t) is undefined or 0 (nothing earned yet).
///
/// Unlike SPI, which returns to 1.0 when a late project finishes (EV and PV both reach BAC),
/// SPI(t) keeps the delay: a project that finishes on day 125 of a 100-day plan ends with
/// SPI = 1.0 but SPI(t) = 100 / 125 = 0.8, and its forecast finish is its actual finish.
///
/// Worked example, the contract's example (start 2026-04-01, planned finish 2027-03-31, PD = 365;
/// curve 150,000 at t = 91 and 420,000 at t = 183; EV 352,000 at 2026-09-14):
/// - ES = 91 + 92 × (352,000 − 150,000) / 270,000 = 159.83 days;
/// - AT = 166 + 1 = 167 days; SPI(t) = 159.83 / 167 = 0.9571;
/// - PD / SPI(t) = 365 / 0.9571 = 381.37, so the forecast finish is 2026-04-01 + 381 days
///   = 2027-04-17.
public struct EarnedSchedule: Sendable, Hashable {
    /// The baseline's first day (the beginning of the time axis).
    public var start: CalendarDate
    /// PD: the planned duration in days.
    public var plannedDurationDays: Int
    /// ES: the earned schedule in days (fractional).
    public var earnedScheduleDays: Double
    /// AT: the actual time in days, through the end of the status date (0 or less before the
    /// start).
    public var actualTimeDays: Int

    /// The earned schedule of `earnedValue` on `curve` at the end of `asOf`.
    public init(curve: PlannedValueCurve, earnedValue: Decimal, asOf: CalendarDate) {
        self.start = curve.start
        self.plannedDurationDays = curve.plannedDurationDays
        self.earnedScheduleDays = curve.elapsedDays(toEarn: earnedValue)
        self.actualTimeDays = curve.elapsedDays(through: asOf)
    }

    /// SPI(t) = ES / AT; `nil` when AT ≤ 0.
    public var timeBasedSchedulePerformanceIndex: Double? {
        guard actualTimeDays > 0 else { return nil }
        return earnedScheduleDays / Double(actualTimeDays)
    }

    /// The forecast finish: the start plus ⌈PD / SPI(t)⌉ − 1 days (with SPI(t) = 1 it is the
    /// planned finish). `nil` when SPI(t) is undefined or 0, or the date would fall beyond the
    /// calendar (years 1...9999).
    ///
    /// A forecast duration within a millionth of a day above a whole number of days counts as
    /// that whole number (it is floating-point noise, not a further day).
    public var forecastFinish: CalendarDate? {
        guard let index = timeBasedSchedulePerformanceIndex, index > 0 else { return nil }
        let days = (Double(plannedDurationDays) / index - 1e-6).rounded(.up)
        guard days < 4_000_000 else { return nil }  // also false for infinity and NaN
        return start.adding(days: Int(days) - 1)
    }
}
