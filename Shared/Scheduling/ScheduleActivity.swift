import PMOModel

/// A work package as the schedule-network check sees it: its identifier, its planned dates and
/// the packages it waits for.
///
/// Dates are inclusive calendar days: a package planned from 2026-03-02 to 2026-03-06 lasts five
/// days, and one that starts and finishes on the same day lasts one. There is no working
/// calendar: weekends and holidays count like any other day.
public struct ScheduleActivity: Sendable, Hashable {
    /// The work package's identifier (its WBS code).
    public var id: String
    /// Its planned start.
    public var plannedStart: CalendarDate
    /// Its planned finish (inclusive), not before the start.
    public var plannedFinish: CalendarDate
    /// The packages it may start only after, each with its lag.
    public var predecessors: [ScheduleLink]

    /// Creates an activity from its planned start and finish.
    public init(id: String, plannedStart: CalendarDate, plannedFinish: CalendarDate, predecessors: [ScheduleLink] = []) {
        self.id = id
        self.plannedStart = plannedStart
        self.plannedFinish = plannedFinish
        self.predecessors = predecessors
    }

    /// Creates an activity from its planned start and a duration in days (at least 1; the finish
    /// is the start plus `durationDays - 1`); `nil` when the finish falls outside years 1...9999.
    public init?(id: String, plannedStart: CalendarDate, durationDays: Int, predecessors: [ScheduleLink] = []) {
        guard let finish = plannedStart.adding(days: max(durationDays, 1) - 1) else { return nil }
        self.init(id: id, plannedStart: plannedStart, plannedFinish: finish, predecessors: predecessors)
    }

    /// Takes the identifier and dates of a baseline work package; the links are given separately
    /// (``ScheduleNetworkCheck`` passes the package's `predecessors`, an absent lag as 0).
    public init(_ workPackage: WorkPackage, predecessors: [ScheduleLink] = []) {
        self.init(id: workPackage.workPackageId, plannedStart: workPackage.plannedStart,
                  plannedFinish: workPackage.plannedFinish, predecessors: predecessors)
    }

    /// The planned duration in days, counting both the start and the finish day (at least 1).
    public var durationDays: Int {
        max(plannedStart.days(until: plannedFinish) + 1, 1)
    }
}

/// A finish-to-start link: the successor starts no earlier than the day after its predecessor's
/// finish plus `lagDays` (a negative lag is a lead, letting the successor overlap).
public struct ScheduleLink: Sendable, Hashable {
    /// The identifier of the package that must finish first.
    public var predecessorId: String
    /// Days to wait after the predecessor's finish; 0 lets the successor start the next day.
    public var lagDays: Int

    /// Creates a link to `predecessorId` with `lagDays` of lag.
    public init(_ predecessorId: String, lagDays: Int = 0) {
        self.predecessorId = predecessorId
        self.lagDays = lagDays
    }
}
