import Testing
@testable import Planning
import PMOModel

@Suite("Completeness: the sub-plans the policy requires")
struct CompletenessTests {
    @Test func theSamplePlanHasEverySubPlan() throws {
        #expect(SubPlanCompleteness.check(samplePlan(), policy: try samplePolicy().planning).isEmpty)
    }

    @Test func missingRequiredSubPlansAreReportedInSubPlanOrder() throws {
        let plan = samplePlan {
            $0.subPlans.quality = nil
            $0.subPlans.cost = nil
        }
        #expect(SubPlanCompleteness.check(plan, policy: try samplePolicy().planning) == [
            RuleFinding(.missingSubPlan, on: .cost, "The cost management plan is missing."),
            RuleFinding(.missingSubPlan, on: .quality, "The quality management plan is missing."),
        ])
    }

    @Test func aProcurementPlanWithNoItemsIsComplete() throws {
        // Everything made in-house: the rationale says so, and that is a complete procurement plan.
        let plan = samplePlan {
            $0.subPlans.procurement = ProcurementPlan(makeOrBuyRationale: "Everything is built in-house by the data team.")
        }
        #expect(plan.validate().isEmpty)
        #expect(SubPlanCompleteness.check(plan, policy: try samplePolicy().planning).isEmpty)
        let result = try reviewed(plan)
        #expect(result.findings.isEmpty)
        #expect(result.subPlans[7] == SubPlanAssessment(subPlan: .procurement, present: true, compliant: true))
    }

    @Test func anAbsentSubPlanThePolicyDoesNotRequireIsNotCompliantButNoFinding() throws {
        let policy = try samplePolicy { $0.planning.requiredSubPlans = [.scope, .schedule, .cost, .resource, .risk] }
        let plan = samplePlan { $0.subPlans.quality = nil }
        #expect(SubPlanCompleteness.check(plan, policy: policy.planning).isEmpty)
        let result = try reviewed(plan, policy: policy)
        #expect(result.findings.isEmpty)
        #expect(result.subPlans[3] == SubPlanAssessment(subPlan: .quality, present: false, compliant: false, findings: []))
        #expect(result.blockingFindings.isEmpty)
    }
}
