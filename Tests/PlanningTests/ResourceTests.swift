import Testing
@testable import Planning
import PMOModel

@Suite("Resources on the roster and within their monthly capacity")
struct ResourceTests {
    @Test func theSampleResourcesAreOnTheRosterAndWithinCapacity() {
        let baseline = samplePlan().baseline
        #expect(ResourceRoster.check(baseline, roster: sampleRoster()).isEmpty)
        #expect(ResourceCapacity.check(baseline, roster: sampleRoster()).isEmpty)
        // The busiest month: RES-0112's May, 380 h × 31 / 91 days of WP-1 against 36 × 31 / 7.
        let may = ResourceCapacity.monthlyLoads(baseline, roster: sampleRoster())
            .first { $0.resourceId == "RES-0112" && $0.month.description == "2026-05" }
        #expect(may.map { ($0.assignedHours * 10).rounded() / 10 } == 129.5)
        #expect(may.map { ($0.capacityHours * 10).rounded() / 10 } == 159.4)
    }

    @Test func anAssignmentToAResourceOffTheRosterIsReportedOncePerResource() {
        let plan = samplePlan {
            $0.baseline.resourceAssignments += [
                ResourceAssignment(resourceId: "RES-0999", workPackageId: "WP-2", hours: 40),
                ResourceAssignment(resourceId: "RES-0999", workPackageId: "WP-3", hours: 40),
                ResourceAssignment(resourceId: "RES-0999", workPackageId: "WP-3", hours: 8),
            ]
        }
        #expect(ResourceRoster.check(plan.baseline, roster: sampleRoster()) == [RuleFinding(.resourceRoster, on: .resource,
            "Resource RES-0999, assigned to WP-2 and WP-3, is not on the roster (version 12).")])
        // Not on the roster: no capacity to compare with, so no capacity finding.
        #expect(ResourceCapacity.check(plan.baseline, roster: sampleRoster()).isEmpty)
    }

    /// The worked example of ``ResourceCapacity``. Ana Silva (RES-0112) has 36 h a week.
    ///
    ///     WP-A  2026-05-01…2026-05-31  31 days  100 h   → May 100 h
    ///     WP-B  2026-05-18…2026-06-30  44 days  220 h   → 5 h a day: May 14 days 70 h, June 30 days 150 h
    ///
    ///     May:  100 + 70 = 170 h  against 36 × 31 / 7 = 159.43 h  → over by 10.6 h
    ///     June:       150 h       against 36 × 30 / 7 = 154.29 h  → within
    @Test func aResourceOverCapacityInOneMonthIsReportedWithTheFigures() {
        let baseline = PlanBaseline(
            milestones: [Milestone(milestoneId: "MS-1", name: "Done", plannedDate: day("2026-06-30"))],
            workPackages: [
                workPackage("WP-A", "Design", "2026-05-01", "2026-05-31", 10_000),
                workPackage("WP-B", "Build", "2026-05-18", "2026-06-30", 20_000),
            ],
            plannedValueCurve: [PlannedValuePoint(date: day("2026-06-30"), cumulativePlannedValue: eur(30_000))],
            budgetAtCompletion: eur(30_000),
            resourceAssignments: [
                ResourceAssignment(resourceId: "RES-0112", workPackageId: "WP-A", hours: 100),
                ResourceAssignment(resourceId: "RES-0112", workPackageId: "WP-B", hours: 220),
            ])
        let loads = ResourceCapacity.monthlyLoads(baseline, roster: sampleRoster())
        #expect(loads.map(\.month.description) == ["2026-05", "2026-06"])
        #expect(loads.map(\.assignedHours) == [170, 150])
        #expect(loads.map(\.isOver) == [true, false])
        #expect(ResourceCapacity.check(baseline, roster: sampleRoster()) == [RuleFinding(.resourceCapacity, on: .resource,
            "Resource RES-0112 (Ana Silva) is assigned 170 h in 2026-05 but has 159.4 h of capacity (36 h a week).")])
    }

    @Test func hoursExactlyAtCapacityAreWithin() {
        // Tom Nguyen (RES-0107, 32 h a week) in February 2027: 32 × 28 / 7 = 128 h.
        func february(_ hours: Double) -> PlanBaseline {
            PlanBaseline(
                milestones: [Milestone(milestoneId: "MS-1", name: "Done", plannedDate: day("2027-02-28"))],
                workPackages: [workPackage("WP-1", "Work", "2027-02-01", "2027-02-28", 1_000)],
                plannedValueCurve: [PlannedValuePoint(date: day("2027-02-28"), cumulativePlannedValue: eur(1_000))],
                budgetAtCompletion: eur(1_000),
                resourceAssignments: [ResourceAssignment(resourceId: "RES-0107", workPackageId: "WP-1", hours: hours)])
        }
        #expect(ResourceCapacity.check(february(128), roster: sampleRoster()).isEmpty)
        #expect(ResourceCapacity.check(february(128.5), roster: sampleRoster()).map(\.text) == [
            "Resource RES-0107 (Tom Nguyen) is assigned 128.5 h in 2027-02 but has 128 h of capacity (32 h a week).",
        ])
    }

    @Test func hoursSpreadEvenlyOverCalendarDaysAcrossMonthsAndYears() {
        // 2026-12-22…2027-01-10: 10 days in December, 10 in January.
        let shares = ResourceCapacity.spread(200, from: day("2026-12-22"), to: day("2027-01-10"))
        #expect(shares.map(\.0.description) == ["2026-12", "2027-01"])
        #expect(shares.map(\.1) == [100, 100])
        // One day: all of it in that month.
        #expect(ResourceCapacity.spread(8, from: day("2028-02-29"), to: day("2028-02-29")).map(\.1) == [8])
    }

    @Test func calendarMonthsKnowTheirLength() {
        #expect(CalendarMonth(day("2028-02-10")).days == 29)
        #expect(CalendarMonth(day("2027-02-10")).days == 28)
        #expect(CalendarMonth(day("2026-12-01")).days == 31)
        #expect(CalendarMonth(day("2026-12-01")).next?.description == "2027-01")
        #expect(CalendarMonth(day("2026-04-30")).lastDay == day("2026-04-30"))
    }
}
