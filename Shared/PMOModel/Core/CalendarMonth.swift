/// A calendar month, `2026-05`: the period resource capacity is compared over, both by the
/// planning review (a plan's assignments) and by monitoring (a resource's allocations).
public struct CalendarMonth: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
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

    /// Decodes from a `YYYY-MM` string; a month out of range does not decode.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = CalendarDate(text + "-01") else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "'\(text)' is not a calendar month in the form YYYY-MM")
        }
        self.init(date)
    }

    /// Encodes as a `YYYY-MM` string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    /// `YYYY-MM`.
    public var description: String {
        String(firstDay.description.prefix(7))
    }

    /// Orders months chronologically.
    public static func < (lhs: CalendarMonth, rhs: CalendarMonth) -> Bool {
        (lhs.year, lhs.month) < (rhs.year, rhs.month)
    }

    /// `hours` spread evenly over the calendar days from `start` to `finish` (both counted), as
    /// each month's share in date order; a period that ends before it starts puts all the hours
    /// in the month of `start`.
    public static func spread(_ hours: Double, from start: CalendarDate, to finish: CalendarDate) -> [(CalendarMonth, Double)] {
        guard start <= finish else { return [(CalendarMonth(start), hours)] }
        let totalDays = Double(start.days(until: finish) + 1)
        var shares: [(CalendarMonth, Double)] = []
        var month: CalendarMonth? = CalendarMonth(start)
        while let current = month, current <= CalendarMonth(finish) {
            let first = max(current.firstDay, start)
            let last = min(current.lastDay, finish)
            shares.append((current, hours * Double(first.days(until: last) + 1) / totalDays))
            month = current.next
        }
        return shares
    }
}
