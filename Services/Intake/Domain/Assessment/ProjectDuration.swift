import PMOModel

/// A project's planned duration from its target dates.
public struct ProjectDuration: Equatable, Sendable {
    /// Calendar days from the target start to the target finish.
    public var days: Int

    /// The duration between two dates (never negative).
    public init(from start: CalendarDate, to finish: CalendarDate) {
        days = max(0, start.days(until: finish))
    }

    /// Months of 30.44 days, to one decimal.
    public var months: Double { ((Double(days) / 30.4375) * 10).rounded() / 10 }

    /// Weeks, at least one.
    public var weeks: Double { max(1, Double(days) / 7) }
}
