import Testing
@testable import Planning
@testable import Scheduling
import PMOModel

@Suite("Schedule network: links, cycles and the critical path")
struct ScheduleNetworkTests {
    /// The worked example. Calendar days, dates inclusive; offsets are days from the project
    /// start 2026-03-02 (day 0), and a finish offset is the day after the last day of work.
    ///
    ///     package  duration  predecessors     planned
    ///     WP-A      5 days   –                03-02 … 03-06
    ///     WP-B     10 days   WP-A             03-07 … 03-16
    ///     WP-C      4 days   WP-A, lag 2      03-09 … 03-12
    ///     WP-D      3 days   WP-B, WP-C       03-17 … 03-19
    ///     WP-E      2 days   WP-C             03-13 … 03-14
    ///
    /// Forward pass (ES = max over predecessors of EF + lag, EF = ES + duration):
    ///     A 0–5, B 5–15, C 5+2=7–11, D max(15, 11)=15–18, E 11–13; the network finishes at 18,
    ///     the last day of work being day 17 = 2026-03-19.
    /// Backward pass from 18 (LF = min over successors of LS − lag, LS = LF − duration):
    ///     D 15–18, E 16–18, B LF = LS(D) = 15 → 5–15, C LF = min(LS(D), LS(E)) = min(15, 16) = 15
    ///     → 11–15, A LF = min(LS(B), LS(C) − 2) = min(5, 9) = 5 → 0–5.
    /// Total float (LS − ES): A 0, B 0, C 11−7 = 4, D 0, E 16−11 = 5.
    /// Critical path: WP-A → WP-B → WP-D, finishing 2026-03-19.
    static let example: [ScheduleActivity] = [
        activity("WP-A", "2026-03-02", "2026-03-06"),
        activity("WP-B", "2026-03-07", "2026-03-16", after: [ScheduleLink("WP-A")]),
        activity("WP-C", "2026-03-09", "2026-03-12", after: [ScheduleLink("WP-A", lagDays: 2)]),
        activity("WP-D", "2026-03-17", "2026-03-19", after: [ScheduleLink("WP-B"), ScheduleLink("WP-C")]),
        activity("WP-E", "2026-03-13", "2026-03-14", after: [ScheduleLink("WP-C")]),
    ]

    @Test func forwardAndBackwardPassGiveTheWorkedExample() throws {
        let review = ScheduleNetwork.review(Self.example, declaredCriticalPath: ["WP-A", "WP-B", "WP-D"],
                                            targetFinish: date("2026-03-19"))
        #expect(review.findings.isEmpty)
        let schedule = try #require(review.schedule)
        #expect(schedule.projectStart == date("2026-03-02"))
        #expect(schedule.projectFinish == date("2026-03-19"))
        #expect(schedule.criticalPath == ["WP-A", "WP-B", "WP-D"])
        #expect(schedule.packages == [
            figures("WP-A", 5, es: "2026-03-02", ef: "2026-03-06", ls: "2026-03-02", lf: "2026-03-06", float: 0),
            figures("WP-B", 10, es: "2026-03-07", ef: "2026-03-16", ls: "2026-03-07", lf: "2026-03-16", float: 0),
            figures("WP-C", 4, es: "2026-03-09", ef: "2026-03-12", ls: "2026-03-13", lf: "2026-03-16", float: 4),
            figures("WP-D", 3, es: "2026-03-17", ef: "2026-03-19", ls: "2026-03-17", lf: "2026-03-19", float: 0),
            figures("WP-E", 2, es: "2026-03-13", ef: "2026-03-14", ls: "2026-03-18", lf: "2026-03-19", float: 5),
        ])
    }

    @Test func aDifferentDeclaredPathAndALateFinishAreReportedWithTheirFigures() {
        let review = ScheduleNetwork.review(Self.example, declaredCriticalPath: ["WP-A", "WP-C", "WP-D", "WP-X"],
                                            targetFinish: date("2026-03-17"))
        #expect(review.findings == [
            .criticalPathMismatch(CriticalPathMismatch(
                declared: ["WP-A", "WP-C", "WP-D", "WP-X"], computed: ["WP-A", "WP-B", "WP-D"],
                undeclaredCritical: [PackageFloat("WP-B", totalFloatDays: 0)],
                declaredButNotCritical: [PackageFloat("WP-C", totalFloatDays: 4)],
                declaredUnknown: ["WP-X"])),
            .targetFinishMissed(TargetFinishMiss(
                computedFinish: date("2026-03-19"), targetFinish: date("2026-03-17"), daysLate: 2,
                criticalPath: ["WP-A", "WP-B", "WP-D"])),
        ])
    }

    @Test func noDeclaredPathOrTargetMeansNothingToCompare() {
        #expect(ScheduleNetwork.review(Self.example).findings.isEmpty)
        #expect(ScheduleNetwork.review(Self.example, declaredCriticalPath: []).findings.isEmpty)
    }

    @Test func plannedDatesLaterThanNeededLeaveTheNetworkUnchanged() throws {
        // WP-E planned three days later than it could start: the network is the same, and the
        // later start is no conflict.
        var late = Self.example
        late[4] = activity("WP-E", "2026-03-16", "2026-03-17", after: [ScheduleLink("WP-C")])
        let review = ScheduleNetwork.review(late)
        #expect(review.findings.isEmpty)
        let e = try #require(review.schedule?.packages.last)
        #expect(e.earlyStart == date("2026-03-13") && e.totalFloatDays == 5)
    }

    @Test func aPackageStartingBeforeItsPredecessorPlusLagIsReported() throws {
        // WP-C waits two days after WP-A (finishing 03-06), so it may start on 03-09 at the earliest;
        // planned on 03-07 it starts two days early. WP-B starting on 03-06, the day WP-A finishes,
        // starts one day early.
        var early = Self.example
        early[1] = activity("WP-B", "2026-03-06", "2026-03-15", after: [ScheduleLink("WP-A")])
        early[2] = activity("WP-C", "2026-03-07", "2026-03-10", after: [ScheduleLink("WP-A", lagDays: 2)])
        let review = ScheduleNetwork.review(early)
        #expect(review.findings == [
            .startsBeforePredecessor(PredecessorConflict(
                packageId: "WP-B", plannedStart: date("2026-03-06"), predecessorId: "WP-A",
                predecessorFinish: date("2026-03-06"), lagDays: 0, earliestAllowedStart: date("2026-03-07"), daysEarly: 1)),
            .startsBeforePredecessor(PredecessorConflict(
                packageId: "WP-C", plannedStart: date("2026-03-07"), predecessorId: "WP-A",
                predecessorFinish: date("2026-03-06"), lagDays: 2, earliestAllowedStart: date("2026-03-09"), daysEarly: 2)),
        ])
        // The network still computes from the links, not from the early planned dates.
        #expect(try #require(review.schedule).projectFinish == date("2026-03-19"))
    }

    @Test func aCycleNamesItsPackagesAndStopsTheComputation() {
        // WP-1 → WP-2 → WP-3 → WP-1, and WP-4 after WP-1 outside the circle.
        let packages = [
            activity("WP-1", "2026-01-05", "2026-01-09", after: [ScheduleLink("WP-3")]),
            activity("WP-2", "2026-01-12", "2026-01-16", after: [ScheduleLink("WP-1")]),
            activity("WP-3", "2026-01-19", "2026-01-23", after: [ScheduleLink("WP-2")]),
            activity("WP-4", "2026-01-12", "2026-01-13", after: [ScheduleLink("WP-1")]),
        ]
        let review = ScheduleNetwork.review(packages, declaredCriticalPath: ["WP-1"], targetFinish: date("2026-01-01"))
        #expect(review.schedule == nil)
        #expect(review.findings == [
            .cycle(ScheduleCycle(packageIds: ["WP-1", "WP-2", "WP-3"], entangledPackageIds: ["WP-1", "WP-2", "WP-3"])),
            // WP-1 starts before WP-3 finishes: the circle cannot be planned without such a conflict.
            .startsBeforePredecessor(PredecessorConflict(
                packageId: "WP-1", plannedStart: date("2026-01-05"), predecessorId: "WP-3",
                predecessorFinish: date("2026-01-23"), lagDays: 0, earliestAllowedStart: date("2026-01-24"), daysEarly: 19)),
        ])
    }

    @Test func interlockedCirclesAndSelfLinksAreEachOneFinding() {
        // WP-1 ⇄ WP-2 and WP-2 ⇄ WP-3 interlock into one knot; WP-4 waits for itself.
        let packages = [
            activity("WP-1", "2026-01-05", "2026-01-05", after: [ScheduleLink("WP-2")]),
            activity("WP-2", "2026-01-05", "2026-01-05", after: [ScheduleLink("WP-1"), ScheduleLink("WP-3")]),
            activity("WP-3", "2026-01-05", "2026-01-05", after: [ScheduleLink("WP-2")]),
            activity("WP-4", "2026-01-05", "2026-01-05", after: [ScheduleLink("WP-4", lagDays: -5)]),
        ]
        let cycles = ScheduleNetwork.review(packages).findings.compactMap { finding -> ScheduleCycle? in
            if case .cycle(let cycle) = finding { cycle } else { nil }
        }
        #expect(cycles == [
            ScheduleCycle(packageIds: ["WP-1", "WP-2"], entangledPackageIds: ["WP-1", "WP-2", "WP-3"]),
            ScheduleCycle(packageIds: ["WP-4"], entangledPackageIds: ["WP-4"]),
        ])
    }

    @Test func aLinkToAnUnknownPackageIsReportedAndLeftOut() throws {
        var packages = Self.example
        packages[3].predecessors.append(ScheduleLink("WP-9", lagDays: 3))
        let review = ScheduleNetwork.review(packages, declaredCriticalPath: ["WP-A", "WP-B", "WP-D"])
        #expect(review.findings == [.unknownPredecessor(UnknownPredecessor(packageId: "WP-D", predecessorId: "WP-9"))])
        #expect(try #require(review.schedule).criticalPath == ["WP-A", "WP-B", "WP-D"])
    }

    @Test func duplicateIdentifiersAreReportedAndStopTheComputation() {
        var packages = Self.example
        packages.append(activity("WP-B", "2026-03-07", "2026-03-08"))
        let review = ScheduleNetwork.review(packages)
        #expect(review.findings == [.duplicatePackage(DuplicatePackage(packageId: "WP-B", count: 2))])
        #expect(review.schedule == nil)
    }

    @Test func activitiesComeFromDurationsOrWorkPackages() throws {
        let fromDuration = try #require(ScheduleActivity(id: "WP-1", plannedStart: date("2026-03-02"), durationDays: 5))
        #expect(fromDuration.plannedFinish == date("2026-03-06"))
        #expect(fromDuration.durationDays == 5)
        let package = WorkPackage(workPackageId: "WP-2", name: "Build", plannedStart: date("2026-03-09"),
                                  plannedFinish: date("2026-03-09"), plannedValue: Money(1000, "EUR"))
        let fromPackage = ScheduleActivity(package, predecessors: [ScheduleLink("WP-1")])
        #expect(fromPackage.id == "WP-2" && fromPackage.durationDays == 1)
        let schedule = try #require(ScheduleNetwork.review([fromDuration, fromPackage]).schedule)
        #expect(schedule.projectFinish == date("2026-03-07"))
        #expect(schedule.criticalPath == ["WP-1", "WP-2"])
    }

    @Test func aNegativeLagIsALeadThatLetsTheSuccessorOverlap() throws {
        // WP-B may start two days before WP-A's finish (03-06) plus one: on 03-05, its day 3.
        let packages = [
            activity("WP-A", "2026-03-02", "2026-03-06"),
            activity("WP-B", "2026-03-05", "2026-03-07", after: [ScheduleLink("WP-A", lagDays: -2)]),
        ]
        let review = ScheduleNetwork.review(packages)
        #expect(review.findings.isEmpty)
        let schedule = try #require(review.schedule)
        #expect(schedule.packages[1].earlyStart == date("2026-03-05"))
        #expect(schedule.projectFinish == date("2026-03-07"))
        #expect(schedule.criticalPath == ["WP-A", "WP-B"])
        let tooEarly = ScheduleNetwork.review([packages[0], activity("WP-B", "2026-03-04", "2026-03-06", after: [ScheduleLink("WP-A", lagDays: -2)])])
        #expect(tooEarly.findings == [.startsBeforePredecessor(PredecessorConflict(
            packageId: "WP-B", plannedStart: date("2026-03-04"), predecessorId: "WP-A", predecessorFinish: date("2026-03-06"),
            lagDays: -2, earliestAllowedStart: date("2026-03-05"), daysEarly: 1))])
    }

    @Test func anEmptyPlanHasNoFindingsAndNoSchedule() {
        let review = ScheduleNetwork.review([], declaredCriticalPath: ["WP-1"], targetFinish: date("2026-01-01"))
        #expect(review.findings.isEmpty && review.schedule == nil)
    }
}

private func date(_ text: String) -> CalendarDate {
    CalendarDate(text)!
}

private func activity(_ id: String, _ start: String, _ finish: String, after links: [ScheduleLink] = []) -> ScheduleActivity {
    ScheduleActivity(id: id, plannedStart: date(start), plannedFinish: date(finish), predecessors: links)
}

private func figures(_ id: String, _ duration: Int, es: String, ef: String, ls: String, lf: String, float: Int) -> PackageSchedule {
    PackageSchedule(packageId: id, durationDays: duration, earlyStart: date(es), earlyFinish: date(ef),
                    lateStart: date(ls), lateFinish: date(lf), totalFloatDays: float)
}
