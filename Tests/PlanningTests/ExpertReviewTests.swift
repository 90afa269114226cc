import Testing
@testable import Planning
import PMOModel

@Suite("Expert review: the class, BAC and high-risk triggers")
struct ExpertReviewTests {
    private func assess(_ plan: PlanSubmitted = samplePlan(), classification: ProjectClassification = .standard,
                        policy: PolicyPublished? = nil) throws -> ExpertReviewRequirement {
        ExpertReviewRequirement.assess(plan, charter: sampleCharter { $0.classification = classification },
                                       policy: try policy ?? samplePolicy())
    }

    @Test func noTriggerFiresForTheSamplePlanAndTheReasonSaysWhyEachDidNot() throws {
        // Standard class; BAC 800,000 below 1,500,000 EUR; R-1 (1.2) and R-2 (1.5) below 3.0.
        #expect(try assess() == ExpertReviewRequirement(
            required: false,
            reason: "No expert review required by policy version 3: the project is classified standard; BAC of 800,000 EUR is below the policy's 1,500,000 EUR; no high risks (probability × impact ≥ 3.00), fewer than the policy's 3.",
            verdictsRequired: 2))
    }

    @Test func aComplexOrMajorProjectNeedsItWhenThePolicySaysSo() throws {
        #expect(try assess(classification: .complex) == ExpertReviewRequirement(
            required: true,
            reason: "Expert review required by policy version 3: the project is classified complex, whose plans the policy has reviewed by experts.",
            verdictsRequired: 2))
        #expect(try assess(classification: .major).required)
        let relaxed = try samplePolicy { $0.classification.complex.expertReviewRequired = false }
        let complex = try assess(classification: .complex, policy: relaxed)
        #expect(!complex.required)
        #expect(complex.reason.hasPrefix(
            "No expert review required by policy version 3: the project is classified complex, whose plans the policy does not have reviewed by experts; "))
        #expect(try assess(classification: .major, policy: relaxed).required)
    }

    @Test func aBACReachingThePolicysAmountNeedsIt() throws {
        let atBAC = try samplePolicy { $0.planning.expertReview?.minBudgetAtCompletion = eur(800_000) }
        #expect(try assess(policy: atBAC) == ExpertReviewRequirement(
            required: true,
            reason: "Expert review required by policy version 3: BAC of 800,000 EUR reaches the policy's 800,000 EUR.",
            verdictsRequired: 2))
        let justAbove = try samplePolicy { $0.planning.expertReview?.minBudgetAtCompletion = eur(800_000.01) }
        #expect(try !assess(policy: justAbove).required)
        let otherCurrency = try samplePolicy { $0.planning.expertReview?.minBudgetAtCompletion = Money(1, "USD") }
        let requirement = try assess(policy: otherCurrency)
        #expect(!requirement.required)
        #expect(requirement.reason.contains("BAC in EUR is not compared with the policy's 1 USD"))
    }

    /// R-3 0.6 × 5 = 3.0, R-4 0.75 × 4 = 3.0, R-5 0.8 × 4 = 3.2 reach 3.0; R-6 (0.9 × 5) is closed.
    @Test func enoughHighRisksNeedIt() throws {
        let risky = samplePlan {
            $0.subPlans.risk?.riskRegister += [risk("R-3", 0.6, 5), risk("R-4", 0.75, 4), risk("R-5", 0.8, 4),
                                               risk("R-6", 0.9, 5, status: .closed)]
        }
        #expect(ExpertReviewRequirement.highRisks(risky, score: 3.0) == ["R-3", "R-4", "R-5"])
        #expect(try assess(risky) == ExpertReviewRequirement(
            required: true,
            reason: "Expert review required by policy version 3: 3 high risks (R-3, R-4, R-5; probability × impact ≥ 3.00) reach the policy's 3.",
            verdictsRequired: 2))
        let twoOnly = samplePlan { $0.subPlans.risk?.riskRegister += [risk("R-3", 0.6, 5), risk("R-4", 0.75, 4)] }
        let requirement = try assess(twoOnly)
        #expect(!requirement.required)
        #expect(requirement.reason.hasSuffix("2 high risks (R-3, R-4; probability × impact ≥ 3.00), fewer than the policy's 3."))
    }

    @Test func thePolicysOwnHighRiskScoreReplacesTheEscalationScore() throws {
        // R-2 at 0.5 × 3 = 1.5 counts from 1.5.
        let policy = try samplePolicy {
            $0.planning.expertReview = ExpertReviewPolicy(minHighRisks: 1, highRiskScore: 1.5, requiredVerdicts: 3)
        }
        #expect(try assess(policy: policy) == ExpertReviewRequirement(
            required: true,
            reason: "Expert review required by policy version 3: 1 high risk (R-2; probability × impact ≥ 1.50) reaches the policy's 1.",
            verdictsRequired: 3))
    }

    @Test func everyTriggerThatFiredIsNamed() throws {
        let policy = try samplePolicy { $0.planning.expertReview?.minBudgetAtCompletion = eur(500_000) }
        #expect(try assess(classification: .major, policy: policy).reason ==
            "Expert review required by policy version 3: the project is classified major, whose plans the policy has reviewed by experts; BAC of 800,000 EUR reaches the policy's 500,000 EUR.")
    }

    @Test func withoutAnExpertReviewSectionOneVerdictIsNeeded() throws {
        let policy = try samplePolicy { $0.planning.expertReview = nil }
        #expect(try assess(policy: policy) == ExpertReviewRequirement(
            required: false,
            reason: "No expert review required by policy version 3: the project is classified standard; the policy sets no budget or risk trigger.",
            verdictsRequired: 1))
        #expect(try assess(classification: .complex, policy: policy).verdictsRequired == 1)
    }
}
