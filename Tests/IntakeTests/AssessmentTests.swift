import Foundation
import Testing
@testable import Intake
import PMOModel

@Suite("Completeness screening and preliminary assessment")
struct AssessmentTests {
    @Test func completeProposalPassesScreening() {
        #expect(CompletenessScreening.screen(proposal()) == .complete)
    }

    @Test func missingAndEmptySectionsAreListedInTemplateOrder() {
        let incomplete = proposal {
            $0.budgetEstimate = nil
            $0.scope = ProjectScope(inScope: [])
            $0.initialRisks = []
        }
        #expect(CompletenessScreening.screen(incomplete) == .incomplete(missing: [.scope, .budget, .risks]))
        let findings = CompletenessScreening.findings(for: [.scope, .businessCase])
        #expect(findings.map(\.section) == [.scope, .businessCase])
        #expect(findings.allSatisfy { $0.severity == .major })
        #expect(findings[1].finding.contains("business case"))
    }

    @Test func strategicFitWeighsTheObjectivesAddressed() throws {
        let policy = try examplePolicy()  // SO-1 0.4, SO-2 0.35, SO-3 0.25
        #expect(StrategicFit.score(proposal { $0.strategicObjectives = ["SO-1"] }, policy: policy).score == 80)
        #expect(StrategicFit.score(proposal { $0.strategicObjectives = ["SO-3"] }, policy: policy).score == 50)
        #expect(StrategicFit.score(proposal(), policy: policy).score == 100)
        let none = StrategicFit.score(proposal { $0.strategicObjectives = ["SO-9"] }, policy: policy)
        #expect(none.score == 0)
        #expect(none.reason.contains("none") && none.reason.contains("SO-9"))
    }

    @Test func businessValueComparesValueWithCostAndPayback() throws {
        var policy = try examplePolicy()
        func score(value: Decimal, payback: Int? = nil, currency: String = "EUR") -> CriterionResult {
            BusinessValue.score(proposal {
                $0.businessCase = BusinessCase(benefits: ["b"], estimatedCost: eur(400_000),
                                               expectedValue: Money(value, currency), paybackMonths: payback)
            }, policy: policy)
        }
        #expect(score(value: 1_200_000).score == 100)
        #expect(score(value: 800_000).score == 50)
        #expect(score(value: 800_000, payback: 10).score == 60)
        #expect(score(value: 800_000, payback: 40).score == 30)
        #expect(score(value: 300_000).score == 0)
        #expect(score(value: 800_000, currency: "USD").score == 0)
        // With the policy's rate the value is converted: 1,000,000 USD at 0.8 is 800,000 EUR.
        policy.exchangeRates = [ExchangeRate(currency: "USD", policyCurrencyPerUnit: 0.8)]
        #expect(score(value: 1_000_000, currency: "USD").score == 50)
        #expect(score(value: 800_000).reason.contains("2×"))
    }

    @Test func feasibilityWeighsBudgetDurationAndDependencies() throws {
        let policy = try examplePolicy()  // 5,000,000 EUR, 36 months
        // 8% of the budget limit (−2.4), 6 of 36 months (−5), one other department (−5).
        #expect(Feasibility.score(proposal(), policy: policy).score == 87.6)
        let overBudget = Feasibility.score(proposal { $0.budgetEstimate = eur(5_000_001) }, policy: policy)
        #expect(overBudget.score == 0)
        #expect(overBudget.reason.contains("exceeds"))
        let tooLong = Feasibility.score(proposal { $0.targetFinish = day("2029-06-30") }, policy: policy)
        #expect(tooLong.score == 0)
        let manyDepartments = Feasibility.score(proposal {
            $0.departmentsInvolved = ["marketing", "technical", "finance", "legal", "sales", "operations"]
        }, policy: policy)
        let expected: Double = 100 - 2.4 - 5 - 20
        #expect(manyDepartments.score == expected)
    }

    @Test func riskCountsTheHighestExposureAndHighRisks() throws {
        let policy = try examplePolicy()  // high from 3.0
        #expect(RiskExposure.score(proposal(), policy: policy).score == 91)
        let risky = proposal { $0.initialRisks = [risk("R-1", 0.5, 4), risk("R-2", 0.8, 5), risk("R-3", 0.9, 5, status: .closed)] }
        let result = RiskExposure.score(risky, policy: policy)
        #expect(result.score == 30)  // 100 − 15 × 4.0 − 10 × 1
        #expect(result.reason.contains("R-2") && result.reason.contains("1 high risk"))
    }

    @Test func resourceDemandComparesHoursWithRosterCapacity() throws {
        let roster = try exampleRoster()  // one data engineer, 32 h/week; 26 weeks → 832 h
        func score(_ hours: Double, role: String = "data-engineer") -> CriterionResult {
            ResourceDemand.score(proposal { $0.resourceNeeds = [ResourceNeed(role: role, hours: hours)] }, roster: roster)
        }
        #expect(score(416).score == 100)
        #expect(score(624).score == 50)
        #expect(score(832).score == 0)
        #expect(score(100, role: "quantum-physicist").score == 0)
        #expect(score(100, role: "quantum-physicist").reason.contains("nobody"))
        #expect(score(624).reason.contains("75%"))
    }

    @Test func totalIsTheWeightedSumAndDecidesTheRecommendation() throws {
        let policy = try examplePolicy()
        let assessment = PreliminaryAssessment(proposal(), policy: policy, roster: try exampleRoster())
        #expect(assessment.scores.map(\.criterion) == [.strategicFit, .businessValue, .feasibility, .risk, .resourceDemand])
        #expect(assessment.scores.map(\.score) == [100, 100, 87.6, 91, 100])
        #expect(assessment.totalScore == 96.2)  // 30 + 25 + 17.52 + 13.65 + 10
        #expect(assessment.recommendation == .proceed)
        #expect(assessment.scores.allSatisfy { !$0.reason.isEmpty })

        let weak = PreliminaryAssessment(proposal {
            $0.strategicObjectives = []
            $0.businessCase = BusinessCase(benefits: ["b"], estimatedCost: eur(400_000), expectedValue: eur(440_000))
        }, policy: policy, roster: try exampleRoster())
        #expect(weak.totalScore == 42.4)  // 0 + 0.25 × 5 + 17.52 + 13.65 + 10
        #expect(weak.recommendation == .reject)
        #expect(weak.rejectionReasons(threshold: 60)[0].contains("below the approval threshold of 60"))
    }

    @Test func absurdButValidFiguresAreScoredWithoutTrapping() throws {
        let huge = proposal {
            $0.budgetEstimate = eur(Decimal(string: "1e30") ?? 0)
            $0.businessCase = BusinessCase(benefits: ["b"], estimatedCost: eur(1), expectedValue: eur(Decimal(string: "1e30") ?? 0))
            $0.resourceNeeds = [ResourceNeed(role: "data-engineer", hours: 1e300)]
        }
        let assessment = PreliminaryAssessment(huge, policy: try examplePolicy(), roster: try exampleRoster())
        #expect(assessment.scores.map(\.score) == [100, 100, 0, 91, 0])
        #expect(assessment.scores[2].reason.hasSuffix("exceeds the policy's limit of 5,000,000 EUR"))
    }

    @Test func classificationUsesAnyThresholdAndAddsReviewers() throws {
        let policy = try examplePolicy()
        #expect(ClassificationRule.classify(proposal(), policy: policy).0 == .standard)
        #expect(ClassificationRule.classify(proposal { $0.budgetEstimate = eur(600_000) }, policy: policy).0 == .complex)
        #expect(ClassificationRule.classify(proposal { $0.departmentsInvolved = ["a", "b", "c"] }, policy: policy).0 == .complex)
        #expect(ClassificationRule.classify(proposal { $0.targetFinish = day("2028-06-30") }, policy: policy).0 == .major)
        #expect(ClassificationRule.classify(proposal { $0.budgetEstimate = eur(2_500_000) }, policy: policy).0 == .major)
        #expect(ClassificationRule.requiredReviewDepartments(for: .standard, policy: policy) == ["business", "technical", "finance", "legal"])
        #expect(ClassificationRule.requiredReviewDepartments(for: .complex, policy: policy) == ["business", "technical", "finance", "legal", "security"])
        #expect(ClassificationRule.requiredReviewDepartments(for: .major, policy: policy)
            == ["business", "technical", "finance", "legal", "security", "executive-board"])
    }

    @Test func priorityComesFromTheScore() {
        #expect(PriorityBands.priority(forScore: 96.2) == .critical)
        #expect(PriorityBands.priority(forScore: 85) == .critical)
        #expect(PriorityBands.priority(forScore: 84.9) == .high)
        #expect(PriorityBands.priority(forScore: 70) == .medium)
        #expect(PriorityBands.priority(forScore: 64.9) == .low)
    }

    @Test func newerReferenceDataReplacesOlderOnly() throws {
        var reference = IntakeReference()
        let v3 = try examplePolicy()
        var v2 = v3
        v2.version = 2
        reference.apply(v3)
        reference.apply(v2)
        #expect(reference.policy?.version == 3)
        #expect(reference.ready == nil)
        reference.apply(try exampleRoster())
        #expect(reference.ready != nil)
    }
}
