import Testing
@testable import Planning
import PMOModel

@Suite("Key milestones dated where their work packages reach them")
struct MilestoneDatesTests {
    @Test func milestonesOnTheirPackagesLastFinishAreFine() {
        // MS-1 on WP-1's finish, MS-2 on WP-3's (the later of WP-2 and WP-3), MS-3 on WP-4's.
        #expect(MilestoneDates.check(samplePlan()).isEmpty)
        // Later than its packages, within the baseline, is fine too.
        #expect(MilestoneDates.check(samplePlan { $0.baseline.milestones[0].plannedDate = day("2026-07-15") }).isEmpty)
    }

    @Test func aMilestoneBeforeItsPackagesFinishIsReportedWithThePackagesLate() {
        // MS-1 on 2026-06-15 while WP-1 runs until 06-30; MS-2 on 2026-10-15: WP-2 has finished
        // (09-30) but WP-3 runs until 12-18.
        let plan = samplePlan {
            $0.baseline.milestones[0].plannedDate = day("2026-06-15")
            $0.baseline.milestones[1].plannedDate = day("2026-10-15")
        }
        #expect(plan.validate().isEmpty)
        #expect(MilestoneDates.check(plan) == [
            RuleFinding(.milestoneDates, on: .schedule,
                        "Key milestone MS-1 (Target architecture approved) is dated 2026-06-15, before its work packages finish: WP-1 on 2026-06-30."),
            RuleFinding(.milestoneDates, on: .schedule,
                        "Key milestone MS-2 (Customer records migrated) is dated 2026-10-15, before its work packages finish: WP-3 on 2026-12-18."),
        ])
    }

    @Test func aMilestoneAfterAllWorkHasFinishedIsReported() {
        let plan = samplePlan { $0.baseline.milestones[2].plannedDate = day("2027-04-15") }
        #expect(MilestoneDates.check(plan).map(\.text) == [
            "Key milestone MS-3 (Legacy databases switched off) is dated 2027-04-15, after the last work package finishes on 2027-03-31.",
        ])
    }

    @Test func aMilestoneNoPackageLeadsToOrNotInTheBaselineIsReported() {
        let plan = samplePlan {
            $0.baseline.workPackages[3].milestoneId = nil
            $0.subPlans.schedule?.keyMilestones.append("MS-9")
        }
        #expect(MilestoneDates.check(plan).map(\.text) == [
            "Key milestone MS-3 (Legacy databases switched off) has no work package leading to it.",
            "Key milestone MS-9 is not in the baseline's milestones.",
        ])
    }

    @Test func onlyKeyMilestonesAreChecked() {
        let plan = samplePlan {
            $0.baseline.milestones[0].plannedDate = day("2026-06-15")
            $0.subPlans.schedule?.keyMilestones = ["MS-2", "MS-3"]
        }
        #expect(MilestoneDates.check(plan).isEmpty)
    }
}
