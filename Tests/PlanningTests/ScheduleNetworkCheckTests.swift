import Testing
@testable import Planning
import PMOModel
import Scheduling

@Suite("The plan's schedule network, mapped to findings and the schedule analysis")
struct ScheduleNetworkCheckTests {
    /// The sample chain: WP-1 (91 days) → WP-2 (92) → WP-3 (79) → 14 days → WP-4 (87). Offsets from
    /// 2026-04-01: WP-1 0–91, WP-2 91–183, WP-3 183–262, WP-4 262 + 14 = 276–363, so the network
    /// finishes on day 362, 2027-03-29, and WP-4 could start on 2027-01-02 (planned 01-04). All
    /// four packages are critical, as the schedule plan declares.
    @Test func theSampleChainGivesItsScheduleAnalysis() throws {
        let result = ScheduleNetworkCheck.check(samplePlan(), charter: sampleCharter())
        #expect(result.findings.isEmpty)
        let schedule = try #require(result.schedule)
        #expect(schedule == ScheduleAnalysis(
            projectStart: day("2026-04-01"), computedFinish: day("2027-03-29"),
            criticalPath: ["WP-1", "WP-2", "WP-3", "WP-4"], declaredCriticalPathMatches: true,
            targetFinish: day("2027-03-31"), meetsTargetFinish: true,
            packages: [
                WorkPackageSchedule(workPackageId: "WP-1", earlyStart: day("2026-04-01"), earlyFinish: day("2026-06-30"),
                                    lateStart: day("2026-04-01"), lateFinish: day("2026-06-30"), totalFloatDays: 0),
                WorkPackageSchedule(workPackageId: "WP-2", earlyStart: day("2026-07-01"), earlyFinish: day("2026-09-30"),
                                    lateStart: day("2026-07-01"), lateFinish: day("2026-09-30"), totalFloatDays: 0),
                WorkPackageSchedule(workPackageId: "WP-3", earlyStart: day("2026-10-01"), earlyFinish: day("2026-12-18"),
                                    lateStart: day("2026-10-01"), lateFinish: day("2026-12-18"), totalFloatDays: 0),
                WorkPackageSchedule(workPackageId: "WP-4", earlyStart: day("2027-01-02"), earlyFinish: day("2027-03-29"),
                                    lateStart: day("2027-01-02"), lateFinish: day("2027-03-29"), totalFloatDays: 0),
            ]))
        #expect(schedule.violations().isEmpty)
    }

    @Test func withoutPredecessorLinksThereIsNoNetworkToCheck() {
        let plan = samplePlan {
            for index in $0.baseline.workPackages.indices { $0.baseline.workPackages[index].predecessors = [] }
            $0.subPlans.schedule?.criticalPath = ["WP-9"]
        }
        let result = ScheduleNetworkCheck.check(plan, charter: sampleCharter { $0.targetFinish = day("2026-05-01") })
        #expect(result.findings.isEmpty)
        #expect(result.schedule == nil)
    }

    @Test func noDeclaredCriticalPathLeavesTheMatchOpen() throws {
        let plan = samplePlan { $0.subPlans.schedule?.criticalPath = [] }
        let result = ScheduleNetworkCheck.check(plan, charter: sampleCharter())
        #expect(result.findings.isEmpty)
        #expect(try #require(result.schedule).declaredCriticalPathMatches == nil)
        let noSchedulePlan = ScheduleNetworkCheck.check(samplePlan { $0.subPlans.schedule = nil }, charter: sampleCharter())
        #expect(try #require(noSchedulePlan.schedule).declaredCriticalPathMatches == nil)
    }

    @Test func aCycleIsANetworkFindingAndLeavesNoSchedule() {
        // WP-1 waits for WP-4, which waits (through WP-2 and WP-3) for WP-1. WP-1 then also starts
        // 365 days before WP-4's finish allows.
        let plan = samplePlan { $0.baseline.workPackages[0].predecessors = [PredecessorLink(workPackageId: "WP-4")] }
        let result = ScheduleNetworkCheck.check(plan, charter: sampleCharter())
        #expect(result.schedule == nil)
        #expect(result.findings == [
            RuleFinding(.scheduleNetwork, on: .schedule,
                        "The predecessor links form a circle, WP-1 → WP-2 → WP-3 → WP-4 → WP-1; the critical path cannot be computed."),
            RuleFinding(.scheduleLogic, on: .schedule,
                        "WP-1 is planned to start on 2026-04-01, 365 days before its link to WP-4 allows: WP-4 finishes on 2027-03-31, so WP-1 can start on 2027-04-01 at the earliest."),
        ])
    }

    @Test func aLinkToAnUnknownPackageIsANetworkFinding() {
        let plan = samplePlan { $0.baseline.workPackages[2].predecessors.append(PredecessorLink(workPackageId: "WP-9", lagDays: 3)) }
        let result = ScheduleNetworkCheck.check(plan, charter: sampleCharter())
        #expect(result.findings.map(\.text) == [
            "WP-3 names WP-9 as a predecessor, which the baseline does not list; the link is left out of the network.",
        ])
        #expect(result.schedule?.computedFinish == day("2027-03-29"))
    }

    /// A 20-day lag after WP-3 (finishing 2026-12-18) lets WP-4 start on 2027-01-08 at the
    /// earliest: planned on 01-04 it is 4 days early. The forward pass gives WP-4 262 + 20 = 282 to
    /// 369, so the network finishes on day 368, 2027-04-04: 4 days after the target finish.
    @Test func anEarlyStartIsALogicFindingAndALateNetworkAFinishFinding() throws {
        let plan = samplePlan { $0.baseline.workPackages[3].predecessors = [PredecessorLink(workPackageId: "WP-3", lagDays: 20)] }
        let result = ScheduleNetworkCheck.check(plan, charter: sampleCharter())
        #expect(result.findings == [
            RuleFinding(.scheduleLogic, on: .schedule,
                        "WP-4 is planned to start on 2027-01-04, 4 days before its link to WP-3 allows: WP-3 finishes on 2026-12-18 plus a lag of 20 days, so WP-4 can start on 2027-01-08 at the earliest."),
            RuleFinding(.networkFinish, on: .schedule,
                        "The network finishes on 2027-04-04 at the earliest, 4 days after the charter's target finish of 2027-03-31 (critical path WP-1 → WP-2 → WP-3 → WP-4)."),
        ])
        let schedule = try #require(result.schedule)
        #expect(schedule.computedFinish == day("2027-04-04"))
        #expect(schedule.meetsTargetFinish == false)
    }

    @Test func aLeadIsNamedAsSuch() {
        // WP-2 may overlap WP-1 by 10 days; planned 15 days before WP-1's finish, it is 5 days early.
        // (Starting earlier it also lasts longer, and the network then misses the target finish.)
        let plan = samplePlan {
            $0.baseline.workPackages[1].plannedStart = day("2026-06-16")
            $0.baseline.workPackages[1].predecessors = [PredecessorLink(workPackageId: "WP-1", lagDays: -10)]
        }
        let findings = ScheduleNetworkCheck.check(plan, charter: sampleCharter()).findings
        #expect(findings.filter { $0.check == .scheduleLogic }.map(\.text) == [
            "WP-2 is planned to start on 2026-06-16, 5 days before its link to WP-1 allows: WP-1 finishes on 2026-06-30 less a lead of 10 days, so WP-2 can start on 2026-06-21 at the earliest.",
        ])
    }

    @Test func aDifferentDeclaredCriticalPathIsACriticalPathFinding() throws {
        let plan = samplePlan { $0.subPlans.schedule?.criticalPath = ["WP-1", "WP-2", "WP-4"] }
        let result = ScheduleNetworkCheck.check(plan, charter: sampleCharter())
        #expect(result.findings == [RuleFinding(.criticalPath, on: .schedule,
            "The declared critical path WP-1 → WP-2 → WP-4 is not the computed one, WP-1 → WP-2 → WP-3 → WP-4: WP-3 is critical but not declared.")])
        #expect(try #require(result.schedule).declaredCriticalPathMatches == false)
    }
}
