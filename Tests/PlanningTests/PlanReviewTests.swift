import Foundation
import Testing
@testable import Planning
import PMOModel

@Suite("The plan review: every rule, the assessments and the result")
struct PlanReviewTests {
    @Test func theFixturesAreValidContracts() throws {
        #expect(samplePlan().validate() == [])
        #expect(sampleCharter().validate() == [])
        #expect(try samplePolicy().validate() == [])
        #expect(sampleRoster().validate() == [])
    }

    @Test func aCompletePlanHasNoFindings() throws {
        let result = try reviewed()
        #expect(result.findings == [])
        #expect(result.blockingFindings == [])
        #expect(result.subPlans == SubPlanKind.allCases.map { SubPlanAssessment(subPlan: $0, present: true, compliant: true) })
        #expect(result.charterCompliance == CharterCompliance(withinBudgetCeiling: true, withinTargetDates: true,
                                                              deliverablesCovered: true))
        #expect(result.schedule?.criticalPath == ["WP-1", "WP-2", "WP-3", "WP-4"])
        #expect(result.schedule?.meetsTargetFinish == true)
        #expect(!result.expertReview.required)
    }

    @Test func theResultFitsTheReviewEvent() throws {
        let result = try reviewed(samplePlan { $0.subPlans.quality = nil; $0.submittedBy = "anna.berg" })
        let event = PlanReviewCompleted(
            projectId: "PRJ-2026-014", planRevision: 1, reviewedAt: t0, policyVersion: 3, subPlans: result.subPlans,
            charterCompliance: result.charterCompliance, expertReviewRequired: result.expertReview.required,
            expertReviewReason: result.expertReview.reason, findings: result.findings, schedule: result.schedule)
        #expect(event.validate() == [])
    }

    /// One fault per area, to see the order and the assessments: the quality plan missing, WP-4
    /// left out of the WBS, a risk without response, a cadence of 30 days, RES-0999 unknown, the
    /// critical path declared without WP-3, and the plan submitted by someone else.
    @Test func everyFindingIsReportedInReviewOrderWithItsSeverity() throws {
        let plan = samplePlan {
            $0.submittedBy = "anna.berg"
            $0.subPlans.quality = nil
            $0.subPlans.scope?.workBreakdown = ["WP-1", "WP-2", "WP-3"]
            $0.subPlans.risk?.riskRegister[1].response = nil
            $0.subPlans.communication?.statusReportCadenceDays = 30
            $0.subPlans.schedule?.criticalPath = ["WP-1", "WP-2", "WP-4"]
            $0.baseline.resourceAssignments.append(ResourceAssignment(resourceId: "RES-0999", workPackageId: "WP-2", hours: 10))
        }
        let result = try reviewed(plan)
        #expect(result.findings.map(\.check) == [
            .missingSubPlan, .scopeCoverage, .reportingCadence, .riskRegister, .resourceRoster, .criticalPath, .submitter,
        ])
        #expect(result.findings.map(\.severity) == [.major, .major, .minor, .minor, .major, .minor, .critical])
        #expect(result.findings.map(\.subPlan) == [.quality, .scope, .communication, .risk, .resource, .schedule, nil])
        #expect(result.blockingFindings.map(\.check) == [.missingSubPlan, .scopeCoverage, .resourceRoster, .submitter])

        #expect(result.subPlans.map(\.subPlan) == SubPlanKind.allCases)
        #expect(result.subPlans.map(\.present) == [true, true, true, false, true, true, true, true])
        // Compliant: present and nothing blocking (the schedule, communication and risk findings are minor).
        #expect(result.subPlans.map(\.compliant) == [false, true, true, false, false, true, true, true])
        #expect(result.subPlans[5].findings == ["Status reports every 30 days are less frequent than the policy's every 14 days."])
        #expect(result.subPlans[6].findings == ["Risk R-2 has no response."])
        #expect(result.charterCompliance.findings == [
            "The plan was submitted by anna.berg, not by the charter's project manager marc.lefevre.",
        ])
        #expect(result.schedule?.declaredCriticalPathMatches == false)
    }

    @Test func rulesOnTheBaselineRunWithoutTheirSubPlan() throws {
        // No resource plan: the unknown resource is still reported, on the resource sub-plan.
        let plan = samplePlan {
            $0.subPlans.resource = nil
            $0.baseline.resourceAssignments.append(ResourceAssignment(resourceId: "RES-0999", workPackageId: "WP-2", hours: 10))
        }
        let result = try reviewed(plan)
        #expect(result.findings.map(\.check) == [.missingSubPlan, .resourceRoster])
        #expect(result.subPlans[4].findings == [
            "The resource management plan is missing.",
            "Resource RES-0999, assigned to WP-2, is not on the roster (version 12).",
        ])
    }

    @Test func aPlanWithoutLinksHasNoSchedule() throws {
        let plan = samplePlan {
            for index in $0.baseline.workPackages.indices { $0.baseline.workPackages[index].predecessors = [] }
        }
        let result = try reviewed(plan)
        #expect(result.schedule == nil)
        #expect(result.findings.isEmpty)
    }
}
