import Testing
@testable import Planning
import PMOModel

@Suite("Compliance with the charter: ceiling, dates, deliverables, submitter")
struct CharterComplianceTests {
    @Test func theSamplePlanComplies() throws {
        let plan = samplePlan()
        let charter = sampleCharter()
        #expect(BudgetCeiling.check(plan, charter: charter, policy: try samplePolicy().planning).isEmpty)
        #expect(TargetDates.check(plan.baseline, charter: charter).isEmpty)
        #expect(DeliverableCoverage.check(plan, charter: charter).isEmpty)
        #expect(Submitter.check(plan, charter: charter).isEmpty)
    }

    /// BAC 800,000 + management reserve 100,000 = 900,000 EUR against a ceiling of 850,000 EUR.
    @Test func aPlanOverTheCeilingIsACriticalFinding() throws {
        let plan = samplePlan { $0.subPlans.cost?.managementReserve = eur(100_000) }
        let text = "BAC of 800,000 EUR plus the management reserve of 100,000 EUR is 900,000 EUR, above the charter's budget ceiling of 850,000 EUR."
        #expect(BudgetCeiling.check(plan, charter: sampleCharter(), policy: try samplePolicy().planning) == [
            RuleFinding(.budgetCeiling, on: nil, text),
        ])
        let result = try reviewed(plan)
        #expect(result.findings == [PlanFinding(severity: .critical, finding: text, check: .budgetCeiling)])
        #expect(result.blockingFindings == result.findings)
        #expect(result.charterCompliance == CharterCompliance(withinBudgetCeiling: false, withinTargetDates: true,
                                                              deliverablesCovered: true, findings: [text]))
        // The finding concerns the plan as a whole: the cost plan itself stays compliant.
        #expect(result.subPlans[2] == SubPlanAssessment(subPlan: .cost, present: true, compliant: true))
    }

    @Test func theCeilingIncludesThePolicysAllowanceAndItsEdge() throws {
        let plan = samplePlan { $0.subPlans.cost?.managementReserve = eur(100_000) }
        // 850,000 × 1.05 = 892,500 EUR, still below 900,000; 850,000 × 1.1 = 935,000 EUR is enough.
        let fivePercent = try samplePolicy { $0.planning.maxBudgetOverCharterPercent = 5 }
        #expect(BudgetCeiling.check(plan, charter: sampleCharter(), policy: fivePercent.planning).map(\.text) == [
            "BAC of 800,000 EUR plus the management reserve of 100,000 EUR is 900,000 EUR, above the 892,500 EUR allowed (the charter's budget ceiling of 850,000 EUR plus 5%).",
        ])
        let tenPercent = try samplePolicy { $0.planning.maxBudgetOverCharterPercent = 10 }
        #expect(BudgetCeiling.check(plan, charter: sampleCharter(), policy: tenPercent.planning).isEmpty)
        // Exactly at the ceiling is within it: 800,000 + 50,000 = 850,000 EUR.
        let atCeiling = samplePlan { $0.subPlans.cost?.managementReserve = eur(50_000) }
        #expect(BudgetCeiling.check(atCeiling, charter: sampleCharter(), policy: try samplePolicy().planning).isEmpty)
        // Without a cost plan only BAC counts.
        let noCostPlan = samplePlan { $0.subPlans.cost = nil }
        #expect(BudgetCeiling.check(noCostPlan, charter: sampleCharter { $0.budgetCeiling = eur(799_999) },
                                    policy: try samplePolicy().planning).map(\.text) == [
            "BAC of 800,000 EUR, above the charter's budget ceiling of 799,999 EUR.",
        ])
    }

    @Test func aCeilingInAnotherCurrencyCannotBeMet() throws {
        let charter = sampleCharter { $0.budgetCeiling = Money(2_000_000, "USD") }
        #expect(BudgetCeiling.check(samplePlan(), charter: charter, policy: try samplePolicy().planning).map(\.text) == [
            "BAC is in EUR but the charter's budget ceiling is in USD; the plan cannot be shown to stay within it.",
        ])
    }

    @Test func aBaselineOutsideTheTargetDatesIsReportedAtEachEnd() throws {
        let charter = sampleCharter {
            $0.targetStart = day("2026-04-15")
            $0.targetFinish = day("2027-03-15")
        }
        let findings = TargetDates.check(samplePlan().baseline, charter: charter)
        #expect(findings == [
            RuleFinding(.targetDates, on: nil, "The baseline starts on 2026-04-01, before the charter's target start of 2026-04-15."),
            RuleFinding(.targetDates, on: nil, "The baseline finishes on 2027-03-31, after the charter's target finish of 2027-03-15."),
        ])
        let result = try reviewed(charter: charter)
        #expect(!result.charterCompliance.withinTargetDates)
        #expect(result.charterCompliance.withinBudgetCeiling && result.charterCompliance.deliverablesCovered)
    }

    @Test func aMilestoneAfterTheTargetFinishTakesTheBaselineOutOfTheDates() {
        let plan = samplePlan { $0.baseline.milestones[2].plannedDate = day("2027-04-09") }
        #expect(TargetDates.check(plan.baseline, charter: sampleCharter()).map(\.text) == [
            "The baseline finishes on 2027-04-09, after the charter's target finish of 2027-03-31.",
        ])
    }

    @Test func anUncoveredDeliverableIsNamed() throws {
        let charter = sampleCharter {
            $0.deliverables.append(Deliverable(deliverableId: "D-3", name: "Consent dashboard"))
        }
        let text = "Chartered deliverable D-3 (Consent dashboard) is not named by any work package, milestone, WBS code or acceptance criterion."
        #expect(DeliverableCoverage.check(samplePlan(), charter: charter) == [RuleFinding(.deliverableCoverage, on: nil, text)])
        let result = try reviewed(charter: charter)
        #expect(result.charterCompliance == CharterCompliance(withinBudgetCeiling: true, withinTargetDates: true,
                                                              deliverablesCovered: false, findings: [text]))
        #expect(result.findings == [PlanFinding(severity: .major, finding: text, check: .deliverableCoverage)])
    }

    @Test func aDeliverableIsCoveredByItsNameOrItsIdentifierStandingAlone() {
        let charter = sampleCharter {
            $0.deliverables = [Deliverable(deliverableId: "D-3", name: "Consent dashboard")]
        }
        func covered(_ edit: (inout PlanSubmitted) -> Void) -> Bool {
            DeliverableCoverage.check(samplePlan(edit), charter: charter).isEmpty
        }
        #expect(covered { $0.baseline.milestones[1].name = "CONSENT DASHBOARD live" })
        #expect(covered { $0.baseline.workPackages[1].name = "Platform build (d-3)" })
        #expect(covered { $0.subPlans.scope?.acceptanceCriteria.append("D-3.1 signed off by marketing") })
        #expect(!covered { $0.subPlans.scope?.acceptanceCriteria.append("D-30 signed off by marketing") })
        #expect(!covered { $0.baseline.workPackages[1].name = "PD-3 build" })
        #expect(!covered { $0.subPlans.scope = nil })
    }

    @Test func onlyTheChartersProjectManagerMaySubmit() throws {
        let plan = samplePlan { $0.submittedBy = "anna.berg" }
        let text = "The plan was submitted by anna.berg, not by the charter's project manager marc.lefevre."
        #expect(Submitter.check(plan, charter: sampleCharter()) == [RuleFinding(.submitter, on: nil, text)])
        let result = try reviewed(plan)
        #expect(result.findings == [PlanFinding(severity: .critical, finding: text, check: .submitter)])
        #expect(result.charterCompliance.findings == [text])
    }
}
