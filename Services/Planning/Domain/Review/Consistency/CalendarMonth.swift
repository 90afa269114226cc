import PMOModel

/// A calendar month, `2026-05`: the period the resource-capacity check adds hours up over.
public struct CalendarMonth: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The year, 1...9999.
    public var year: Int
    /// The month, 1...12.
    public var month: Int

    /// The month `date` falls in.
    public init(_ date: CalendarDate) {
        year = date.year
        month = date.month
    }

    /// The month of `year` and `month`; `nil` when either is out of range.
    public init?(year: Int, month: Int) {
        guard (1...9999).contains(year), (1...12).contains(month) else { return nil }
        self.year = year
        self.month = month
    }

    /// Its first day.
    public var firstDay: CalendarDate {
        CalendarDate(year: year, month: month, day: 1)!  // year and month are in range by construction
    }

    /// Its last day.
    public var lastDay: CalendarDate {
        firstDay.adding(days: days - 1) ?? firstDay
    }

    /// How many days it has (28 to 31).
    public var days: Int {
        guard let next = next else { return 31 }  // December 9999
        return firstDay.days(until: next.firstDay)
    }

    /// The month after it; `nil` after December 9999.
    public var next: CalendarMonth? {
        month == 12 ? CalendarMonth(year: year + 1, month: 1) : CalendarMonth(year: year, month: month + 1)
    }

    /// `YYYY-MM`.
    public var description: String {
        String(firstDay.description.prefix(7))
    }

    /// Orders months chronologically.
    public static func < (lhs: CalendarMonth, rhs: CalendarMonth) -> Bool {
        (lhs.year, lhs.month) < (rhs.year, rhs.month)
    }
}
