import Foundation
import Testing
@testable import Intake
import PMOModel
import ServiceRuntime

/// Issue 13's gates: hard limits, other currencies, segregation of duties, cost reconciliation.
@Suite struct IntakeGateTests {
    /// The example policy with budget and duration called hard and 1.08 EUR per USD.
    func gatedPolicy(_ edit: (inout PolicyPublished) -> Void = { _ in }) throws -> PolicyPublished {
        var policy = try examplePolicy()
        policy.intake.hardLimits = IntakeHardLimits(budget: true, duration: true, mandatoryFields: [.budgetEstimate])
        policy.exchangeRates = [ExchangeRate(currency: "USD", policyCurrencyPerUnit: 0.92)]
        edit(&policy)
        return policy
    }

    /// A 6,000,000 EUR proposal that scores well otherwise.
    func bigProposal() -> ProposalSubmitted {
        proposal {
            $0.budgetEstimate = eur(6_000_000)
            $0.businessCase?.estimatedCost = eur(6_000_000)
            $0.businessCase?.expectedValue = eur(30_000_000)
        }
    }

    @Test func aHardBudgetLimitRejectsWhateverTheScore() throws {
        var desk = try DeskHarness(policy: try gatedPolicy())
        let events = desk.submit(bigProposal())
        let assessment = try #require(events.of(AssessmentCompleted.self).first)
        #expect(assessment.recommendation == .reject)
        #expect((assessment.totalScore ?? 0) >= 60)
        #expect(assessment.gateFindings == ["the budget estimate of 6,000,000 EUR exceeds the policy's hard limit of 5,000,000 EUR"])
        let decision = try #require(events.decisions.first)
        #expect(decision.outcome == .rejected)
        #expect(decision.reasons.first == "hard limit: the budget estimate of 6,000,000 EUR exceeds the policy's hard limit of 5,000,000 EUR")
        #expect(desk.phase() == .rejected)
    }

    @Test func aSoftLimitOnlyWeighsInTheScore() throws {
        var desk = try DeskHarness(policy: try gatedPolicy { $0.intake.hardLimits = nil })
        let assessment = try #require(desk.submit(bigProposal()).of(AssessmentCompleted.self).first)
        #expect(assessment.gateFindings.isEmpty)
        #expect(assessment.recommendation == .proceed)
    }

    @Test func hardDurationAndMandatoryFieldsAreGatesToo() throws {
        let policy = try gatedPolicy()
        let long = proposal { $0.targetFinish = day("2029-09-30"); $0.budgetEstimate = nil }
        #expect(HardLimitGate.breaches(long, policy: policy) == [
            "the duration of 42 months exceeds the policy's hard limit of 36 months",
            "the policy makes budgetEstimate mandatory and the proposal does not give it",
        ])
    }

    @Test func aBudgetInAnotherCurrencyIsConvertedForClassificationAndLimits() throws {
        // 10,000,000 USD is 9,200,000 EUR: major (from 2,000,000 EUR), and over the hard limit.
        let policy = try gatedPolicy()
        let dollars = proposal {
            $0.budgetEstimate = Money(10_000_000, "USD")
            $0.businessCase?.estimatedCost = Money(10_000_000, "USD")
            $0.businessCase?.expectedValue = Money(30_000_000, "USD")
        }
        let (classification, reason) = ClassificationRule.classify(dollars, policy: policy)
        #expect(classification == .major)
        #expect(reason == "budget 10,000,000 USD (9,200,000 EUR) ≥ 2,000,000 EUR")
        #expect(HardLimitGate.breaches(dollars, policy: policy)
            == ["the budget estimate of 10,000,000 USD (9,200,000 EUR) exceeds the policy's hard limit of 5,000,000 EUR"])
        var soft = policy
        soft.intake.hardLimits = nil
        let feasibility = Feasibility.score(dollars, policy: soft)
        #expect(feasibility.score == 0)
        #expect(feasibility.reason == "budget 9,200,000 EUR exceeds the policy's limit of 5,000,000 EUR")
    }

    @Test func anAmountNoRateConvertsMakesTheProposalUnassessable() throws {
        var desk = try DeskHarness(policy: try gatedPolicy())
        let events = desk.submit(proposal {
            $0.budgetEstimate = Money(400_000, "CHF")
            $0.businessCase?.estimatedCost = Money(400_000, "CHF")
        })
        let refusal = try #require(events.decisions.first)
        #expect(events.count == 1)
        #expect(refusal.outcome == .refused)
        #expect(refusal.reasons == ["revision 1 of PRJ-2026-201 cannot be assessed: policy v3 has no exchange rate to EUR for its budget estimate 400,000 CHF, estimated cost 400,000 CHF; add the rate to the policy or resubmit in EUR"])
        #expect(desk.cases["PRJ-2026-201"]?.dossier == nil)
    }

    @Test func theSponsorOrTheNominatedPMMayNotReviewTheProposal() throws {
        var roster = try exampleRoster()
        // helene.dubois sponsors the proposal and is also a business reviewer on this roster.
        roster.members = roster.members.map { member in
            var member = member
            if member.personId == "helene.dubois" { member.department = "business"; member.roles.append(.departmentReviewer) }
            if member.personId == "marc.lefevre" { member.department = "technical"; member.roles.append(.departmentReviewer) }
            return member
        }
        var desk = try DeskHarness(roster: roster)
        desk.submit(proposal())
        let sponsor = try #require(desk.send(review("business", "helene.dubois", .approve)).decisions.first)
        #expect(sponsor.outcome == .refused)
        #expect(sponsor.refusal?.reason == "helene.dubois sponsors PRJ-2026-201 and may not review it (segregation of duties: nobody reviews their own proposal)")
        let manager = try #require(desk.send(review("technical", "marc.lefevre", .approve)).decisions.first)
        #expect(manager.refusal?.reason == "marc.lefevre is the nominated project manager of PRJ-2026-201 and may not review it (segregation of duties: nobody reviews their own proposal)")
        #expect(desk.cases["PRJ-2026-201"]?.dossier?.gate?.reviews.isEmpty == true)
    }

    @Test func differentCostFiguresAreReturnedWithTheDifference() throws {
        var desk = try DeskHarness(policy: try gatedPolicy { $0.intake.costReconciliationPercent = 5 })
        let events = desk.submit(proposal { $0.businessCase?.estimatedCost = eur(300_000) })
        let decision = try #require(events.decisions.first)
        #expect(decision.outcome == .returnedForRevision)
        #expect(decision.reasons == ["the business case's estimated cost of 300,000 EUR and the budget estimate of 400,000 EUR differ by 100,000 EUR (25 % of the budget), more than the policy's 5 %; they must agree"])
        let assessment = try #require(events.of(AssessmentCompleted.self).first)
        #expect(assessment.recommendation == .returnForRevision)
        #expect(assessment.gateFindings == decision.reasons)
        #expect(desk.phase() == .returnedForRevision)
        // Within the tolerance: 4 % apart is accepted.
        #expect(CostReconciliation.mismatch(proposal { $0.businessCase?.estimatedCost = eur(384_000) },
                                            policy: try gatedPolicy { $0.intake.costReconciliationPercent = 5 }) == nil)
    }
}

/// Mandatory and regulatory proposals.
@Suite struct MandateTests {
    /// A proposal that scores below 60: no strategic objective, value at cost.
    func weakProposal(_ mandate: ProposalMandate?) -> ProposalSubmitted {
        proposal {
            $0.strategicObjectives = []
            $0.objectives = ["Comply"]
            $0.businessCase?.expectedValue = eur(400_000)
            $0.mandate = mandate
            $0.departmentsInvolved = ["marketing"]
        }
    }

    @Test func aRegulatoryProposalIsNotRejectedOnItsScoreAndLegalChecksIt() throws {
        var policy = try examplePolicy()
        policy.intake.requiredReviewDepartments = ["business", "finance"]
        var desk = try DeskHarness(policy: policy)
        let events = desk.submit(weakProposal(ProposalMandate(kind: .regulatory, basis: "EU Data Act, art. 4")))
        let assessment = try #require(events.of(AssessmentCompleted.self).first)
        let total = try #require(assessment.totalScore)
        #expect(total < 60)
        #expect(assessment.recommendation == .proceed)
        #expect(assessment.requiredReviewDepartments == ["business", "finance", "legal"])
        #expect(assessment.mandateOverride == "the proposal is flagged regulatory (EU Data Act, art. 4): its score of \(total.oneDecimal), below the threshold of 60, does not reject it; the legal review checks the basis")
        #expect(events.decisions.isEmpty)
        #expect(desk.phase() == .underReview)
    }

    @Test func withoutTheFlagTheSameProposalIsRejected() throws {
        var desk = try DeskHarness()
        let events = desk.submit(weakProposal(nil))
        #expect(events.of(AssessmentCompleted.self).first?.mandateOverride == nil)
        #expect(events.decisions.first?.outcome == .rejected)
    }

    @Test func aMandateDoesNotLiftAHardLimit() throws {
        var policy = try examplePolicy()
        policy.intake.hardLimits = IntakeHardLimits(budget: true, duration: false)
        var desk = try DeskHarness(policy: policy)
        let events = desk.submit(proposal {
            $0.mandate = ProposalMandate(kind: .mandatory, basis: "Group decision 2026/14")
            $0.budgetEstimate = eur(6_000_000)
            $0.businessCase?.estimatedCost = eur(6_000_000)
        })
        #expect(events.decisions.first?.outcome == .rejected)
        #expect(events.of(AssessmentCompleted.self).first?.mandateOverride == nil)
    }
}
