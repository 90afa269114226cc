import Testing
@testable import Planning
import PMOModel

@Suite("Scope coverage and the planned-value curve")
struct ScopeAndCurveTests {
    @Test func theSamplePlanIsConsistent() {
        #expect(ScopeCoverage.check(samplePlan()).isEmpty)
        #expect(PlannedValueAlignment.check(samplePlan().baseline).isEmpty)
    }

    @Test func aWorkBreakdownOtherThanTheBaselineNamesBothDifferences() {
        // WP-3 and WP-4 are in the baseline but not in the WBS; WP-9 is the other way round.
        let plan = samplePlan { $0.subPlans.scope?.workBreakdown = ["WP-1", "WP-2", "WP-9"] }
        #expect(ScopeCoverage.check(plan) == [RuleFinding(.scopeCoverage, on: .scope,
            "The scope's work breakdown does not match the baseline's 4 work packages: WP-3 and WP-4 are missing from it; WP-9 is not in the baseline.")])
        let one = samplePlan { $0.subPlans.scope?.workBreakdown = ["WP-1", "WP-2", "WP-3"] }
        #expect(ScopeCoverage.check(one).map(\.text) == [
            "The scope's work breakdown does not match the baseline's 4 work packages: WP-4 is missing from it.",
        ])
    }

    @Test func theWorkBreakdownIsComparedAsASet() {
        let plan = samplePlan { $0.subPlans.scope?.workBreakdown = ["WP-4", "WP-3", "WP-2", "WP-1"] }
        #expect(ScopeCoverage.check(plan).isEmpty)
    }

    @Test func aCurveStartingBeforeTheFirstWorkPackageIsReported() {
        // WP-1 starts on 2026-04-01; a zero point the day before is too early.
        let plan = samplePlan {
            $0.baseline.plannedValueCurve.insert(PlannedValuePoint(date: day("2026-03-31"), cumulativePlannedValue: eur(0)), at: 0)
        }
        #expect(plan.validate().isEmpty)
        #expect(PlannedValueAlignment.check(plan.baseline) == [RuleFinding(.plannedValueCurve, on: .cost,
            "The planned-value curve starts on 2026-03-31, before the first work package starts on 2026-04-01.")])
        // A first point on the first start is fine.
        let onStart = samplePlan {
            $0.baseline.plannedValueCurve.insert(PlannedValuePoint(date: day("2026-04-01"), cumulativePlannedValue: eur(0)), at: 0)
        }
        #expect(PlannedValueAlignment.check(onStart.baseline).isEmpty)
    }

    @Test func aCurveEndingOffTheLastFinishOrBesideBACIsReported() {
        let early = samplePlan { $0.baseline.plannedValueCurve[3].date = day("2027-03-15") }
        #expect(PlannedValueAlignment.check(early.baseline).map(\.text) == [
            "The planned-value curve ends on 2027-03-15, not on the last work package finish of 2027-03-31.",
        ])
        // The contract refuses this one; the rule still says it.
        let short = samplePlan { $0.baseline.plannedValueCurve[3].cumulativePlannedValue = eur(790_000) }
        #expect(PlannedValueAlignment.check(short.baseline).map(\.text) == [
            "The planned-value curve ends at 790,000 EUR, not at BAC of 800,000 EUR.",
        ])
    }
}
