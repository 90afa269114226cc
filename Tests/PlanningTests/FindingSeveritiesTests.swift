import Testing
@testable import Planning
import PMOModel

@Suite("Finding severities: the defaults and the policy's replacements")
struct FindingSeveritiesTests {
    @Test func theDefaultsAreTheDocumentedTable() {
        let expected: [PlanCheck: FindingSeverity] = [
            .missingSubPlan: .major, .scopeCoverage: .major, .plannedValueCurve: .major, .milestoneDates: .major,
            .reserves: .major, .procurementCost: .major, .reportingCadence: .minor, .riskRegister: .minor,
            .resourceRoster: .major, .resourceCapacity: .major, .scheduleNetwork: .major, .scheduleLogic: .major,
            .criticalPath: .minor, .networkFinish: .major, .budgetCeiling: .critical, .targetDates: .major,
            .deliverableCoverage: .major, .submitter: .critical,
        ]
        #expect(expected.count == PlanCheck.allCases.count)
        for check in PlanCheck.allCases {
            #expect(FindingSeverities().severity(of: check) == expected[check], "\(check)")
        }
    }

    @Test func majorAndCriticalBlock() {
        #expect(FindingSeverity.allCases.filter(\.isBlocking) == [.major, .critical])
    }

    @Test func aPolicyEntryReplacesOnlyItsCheck() {
        let severities = FindingSeverities(PlanningPolicy(
            requiredSubPlans: [], maxBudgetOverCharterPercent: 0,
            findingSeverities: [PlanCheckSeverity(check: .reserves, severity: .info),
                                PlanCheckSeverity(check: .criticalPath, severity: .major)]))
        #expect(severities.severity(of: .reserves) == .info)
        #expect(severities.severity(of: .criticalPath) == .major)
        #expect(severities.severity(of: .procurementCost) == .major)
        #expect(severities.finding(RuleFinding(.reserves, on: .cost, "Text.")) ==
                PlanFinding(subPlan: .cost, severity: .info, finding: "Text.", check: .reserves))
    }

    /// A contingency above BAC blocks by default (reserves: major); the policy can make it advisory.
    @Test func aPolicyOverrideTurnsABlockingFindingAdvisory() throws {
        let plan = samplePlan { $0.subPlans.cost?.contingencyReserve = eur(900_000) }
        let text = "The contingency reserve of 900,000 EUR exceeds BAC of 800,000 EUR, which it is part of."

        let strict = try reviewed(plan)
        #expect(strict.findings == [PlanFinding(subPlan: .cost, severity: .major, finding: text, check: .reserves)])
        #expect(strict.blockingFindings == strict.findings)
        #expect(strict.subPlans[2] == SubPlanAssessment(subPlan: .cost, present: true, compliant: false, findings: [text]))

        let lenient = try reviewed(plan, policy: try samplePolicy {
            $0.planning.findingSeverities = [PlanCheckSeverity(check: .reserves, severity: .minor)]
        })
        #expect(lenient.findings == [PlanFinding(subPlan: .cost, severity: .minor, finding: text, check: .reserves)])
        #expect(lenient.blockingFindings.isEmpty)
        #expect(lenient.subPlans[2] == SubPlanAssessment(subPlan: .cost, present: true, compliant: true, findings: [text]))
    }

    /// A wrong declared critical path is advisory by default; the policy can make it block.
    @Test func aPolicyOverrideTurnsAnAdvisoryFindingBlocking() throws {
        let plan = samplePlan { $0.subPlans.schedule?.criticalPath = ["WP-1", "WP-2", "WP-4"] }
        #expect(try reviewed(plan).blockingFindings.isEmpty)
        let strict = try reviewed(plan, policy: try samplePolicy {
            $0.planning.findingSeverities = [PlanCheckSeverity(check: .criticalPath, severity: .major)]
        })
        #expect(strict.blockingFindings.map(\.check) == [.criticalPath])
        #expect(strict.subPlans[1].compliant == false)
    }
}
