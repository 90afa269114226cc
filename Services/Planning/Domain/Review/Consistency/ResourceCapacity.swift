import PMOModel
import Scheduling

/// Resource capacity (check `resource-capacity`, on the resource plan): no resource is assigned
/// more hours in a calendar month than the roster gives it.
///
/// Each assignment's hours are spread evenly over its work package's calendar days, both the
/// start and the finish counted (weekends too: there is no working calendar, as in
/// ``ScheduleNetwork``). A resource's hours in a month are the sum of its assignments' shares of
/// that month; its capacity in the month is `capacityHoursPerWeek × days in the month / 7`. A
/// month is over when the hours exceed the capacity. Resources the roster does not list are left
/// to ``ResourceRoster``; members without a resource profile have no capacity to compare with.
/// Runs on the baseline's assignments, so also when the resource plan itself is missing.
///
/// Worked example (36 h a week): WP-A from 2026-05-01 to 2026-05-31 (31 days, 100 h) and WP-B from
/// 2026-05-18 to 2026-06-30 (44 days, 220 h, so 5 h a day: 14 days in May, 30 in June) give
/// May 100 + 70 = 170 h against 36 × 31 / 7 = 159.4 h, over; June 150 h against 36 × 30 / 7 =
/// 154.3 h, within. The finding: "Resource RES-0112 (Ana Silva) is assigned 170 h in 2026-05 but
/// has 159.4 h of capacity (36 h a week)."
public enum ResourceCapacity {
    /// One finding per resource and month over capacity: resources in the order of their first
    /// assignment, months in date order.
    public static func check(_ baseline: PlanBaseline, roster: RosterPublished) -> [RuleFinding] {
        monthlyLoads(baseline, roster: roster).filter(\.isOver).map { load in
            RuleFinding(.resourceCapacity, on: .resource,
                        "Resource \(load.resourceId) (\(load.name)) is assigned \(load.assignedHours.oneDecimal) h in \(load.month) but has \(load.capacityHours.oneDecimal) h of capacity (\(load.capacityHoursPerWeek.oneDecimal) h a week).")
        }
    }

    /// Every month in which a roster resource has assigned hours, with its capacity: resources
    /// in the order of their first assignment, months in date order.
    public static func monthlyLoads(_ baseline: PlanBaseline, roster: RosterPublished) -> [ResourceMonthLoad] {
        var profiles: [String: (name: String, profile: ResourceProfile)] = [:]
        for member in roster.members {
            if let profile = member.resource, profiles[profile.resourceId] == nil {
                profiles[profile.resourceId] = (member.name, profile)
            }
        }
        var packages: [String: WorkPackage] = [:]
        for workPackage in baseline.workPackages where packages[workPackage.workPackageId] == nil {
            packages[workPackage.workPackageId] = workPackage
        }
        var order: [String] = []
        var hours: [String: [CalendarMonth: Double]] = [:]
        for assignment in baseline.resourceAssignments {
            guard profiles[assignment.resourceId] != nil, let workPackage = packages[assignment.workPackageId] else { continue }
            if hours[assignment.resourceId] == nil { order.append(assignment.resourceId) }
            for (month, share) in spread(assignment.hours, from: workPackage.plannedStart, to: workPackage.plannedFinish) {
                hours[assignment.resourceId, default: [:]][month, default: 0] += share
            }
        }
        return order.flatMap { id -> [ResourceMonthLoad] in
            guard let entry = profiles[id] else { return [] }
            return hours[id, default: [:]].sorted { $0.key < $1.key }.map { month, assigned in
                ResourceMonthLoad(resourceId: id, name: entry.name, month: month, assignedHours: assigned,
                                  capacityHoursPerWeek: entry.profile.capacityHoursPerWeek)
            }
        }
    }

    /// `hours` spread evenly over the days from `start` to `finish` (inclusive), per month
    /// (``CalendarMonth/spread(_:from:to:)``, shared with monitoring's allocation book).
    static func spread(_ hours: Double, from start: CalendarDate, to finish: CalendarDate) -> [(CalendarMonth, Double)] {
        CalendarMonth.spread(hours, from: start, to: finish)
    }
}

/// One resource's assigned hours and capacity in one calendar month.
public struct ResourceMonthLoad: Sendable, Hashable {
    /// The resource.
    public var resourceId: String
    /// The name of the roster member who is the resource.
    public var name: String
    /// The month.
    public var month: CalendarMonth
    /// The hours of its assignments falling in the month.
    public var assignedHours: Double
    /// Its roster capacity per week.
    public var capacityHoursPerWeek: Double

    /// Creates the figures.
    public init(resourceId: String, name: String, month: CalendarMonth, assignedHours: Double, capacityHoursPerWeek: Double) {
        self.resourceId = resourceId
        self.name = name
        self.month = month
        self.assignedHours = assignedHours
        self.capacityHoursPerWeek = capacityHoursPerWeek
    }

    /// The capacity in the month: hours per week × days in the month / 7.
    public var capacityHours: Double {
        capacityHoursPerWeek * Double(month.days) / 7
    }

    /// Whether the assigned hours exceed the capacity (beyond rounding noise of a millionth of an
    /// hour, so that hours spread over days and added back up do not count as over).
    public var isOver: Bool {
        assignedHours > capacityHours + 1e-6
    }
}
