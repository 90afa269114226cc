import Foundation
import Testing
@testable import Planning
import PMOModel
import ServiceRuntime

@Suite("Planning desk: review, decision, baseline, refusals")
struct PlanningDeskTests {
    @Test func aPlanWithoutBlockingFindingsIsApprovedAndBaselinedWithTheCharterPM() throws {
        var desk = try DeskHarness()
        #expect(desk.send(sampleCharter()).isEmpty)
        let events = desk.send(plan(revision: 1))
        #expect(events.map { type(of: $0).eventType } == [PlanReviewCompleted.eventType, PlanDecisionMade.eventType,
                                                          ProjectBaselined.eventType])
        let review = try #require(events.of(PlanReviewCompleted.self).first)
        #expect(!review.expertReviewRequired && review.policyVersion == 3)
        #expect(review.subPlans.count == 8)
        let decision = try #require(events.decisions.first)
        #expect(decision.outcome == .approved && decision.planRevision == 1 && decision.policyVersion == 3)
        #expect(decision.reasons.last == "baselined at revision 1 with marc.lefevre as project manager")
        let baseline = try #require(events.of(ProjectBaselined.self).first)
        #expect(baseline.baselineRevision == 1 && baseline.planRevision == 1)
        #expect(baseline.projectManager == "marc.lefevre")
        #expect(baseline.baseline == samplePlan().baseline)
        #expect(desk.phase == .baselined(revision: 1))
        #expect(desk.emitted.map(\.id) == ["planning/review/PRJ-2026-014/r1", "planning/decision/PRJ-2026-014/r1/approved",
                                           "planning/baseline/PRJ-2026-014"])
    }

    @Test func blockingFindingsReturnTheRevisionWithEveryFindingAndTheFixedRevisionIsApproved() throws {
        var desk = try DeskHarness()
        desk.send(sampleCharter())
        // 800,000 BAC + 60,000 management reserve against the 850,000 ceiling, and a missing response.
        let events = desk.send(plan(revision: 1) { plan in
            plan.subPlans.cost?.managementReserve = eur(60_000)
            plan.subPlans.risk?.riskRegister[0].response = nil
        })
        let decision = try #require(events.decisions.only)
        #expect(decision.outcome == .returnedForRevision)
        #expect(decision.findings.map(\.check) == [.riskRegister, .budgetCeiling])
        #expect(decision.reasons.count == 2)
        #expect(decision.reasons[0] == "the planning review found 1 blocking finding to fix")
        #expect(decision.reasons[1].contains("860,000"))
        #expect(events.of(ProjectBaselined.self).isEmpty)
        #expect(events.of(PlanReviewCompleted.self).first?.charterCompliance.withinBudgetCeiling == false)
        #expect(desk.phase == .returnedForRevision(revision: 1))

        let fixed = desk.send(plan(revision: 2))
        #expect(fixed.decisions.map(\.outcome) == [.approved])
        #expect(fixed.of(ProjectBaselined.self).first?.planRevision == 2)
    }

    @Test func aStaleRevisionIsRefusedAndNothingChanges() throws {
        var desk = try DeskHarness()
        desk.send(sampleCharter())
        desk.send(plan(revision: 2) { $0.subPlans.cost?.managementReserve = eur(60_000) })
        let before = desk.state
        let refusal = try #require(desk.send(plan(revision: 1)).decisions.only)
        #expect(refusal.outcome == .refused)
        #expect(refusal.refusal?.reason == "plan revision 1 of PRJ-2026-014 is stale: revision 2 was already submitted")
        #expect(refusal.refusal?.refusedEventType == PlanSubmitted.eventType)
        #expect(refusal.refusal?.submittedBy == "marc.lefevre")
        #expect(desk.state == before)
        #expect(desk.emitted.last?.id == "planning/refusal/PRJ-2026-014/input-3@/tests")
        let again = try #require(desk.send(plan(revision: 2)).decisions.only)
        #expect(again.refusal?.reason == "plan revision 2 of PRJ-2026-014 is stale: revision 2 was already submitted")
        #expect(desk.state == before)
    }

    @Test func aPlanAfterTheBaselineIsRefusedWithChangeControlNamed() throws {
        var desk = try DeskHarness()
        desk.send(sampleCharter())
        desk.send(plan(revision: 1))
        let refusal = try #require(desk.send(plan(revision: 2)).decisions.only)
        #expect(refusal.outcome == .refused)
        #expect(refusal.reasons == ["PRJ-2026-014 was baselined from plan revision 1; its baseline changes through change control, not a new plan"])
        #expect(desk.phase == .baselined(revision: 1))
    }

    @Test func aPlanBeforeItsCharterIsHeldAndReviewedWhenTheCharterArrives() throws {
        var desk = try DeskHarness()
        #expect(desk.send(plan(revision: 1)).isEmpty)
        #expect(desk.state?.held.count == 1)
        desk.advance(minutes: 3)
        let events = desk.send(sampleCharter())
        #expect(events.decisions.map(\.outcome) == [.approved])
        #expect(desk.state?.held.isEmpty == true)
    }

    @Test func aPlanForAProjectNeverCharteredIsRefusedAfterTheHoldPeriod() throws {
        var desk = try DeskHarness()
        desk.send(plan(revision: 1))
        desk.advance(minutes: 9)
        #expect(desk.tick().isEmpty)
        desk.advance(minutes: 1)
        let refusal = try #require(desk.tick().decisions.only)
        #expect(refusal.outcome == .refused)
        #expect(refusal.reasons == ["PRJ-2026-014 has not been chartered; a plan is reviewed against its project's charter (held 10 min for it to arrive)"])
        #expect(desk.state?.held.isEmpty == true)
    }

    @Test func inputsBeforeThePolicyAndRosterWaitAndAreDecidedOnceBothArePublished() throws {
        var desk = try DeskHarness(reference: ReferenceData())
        #expect(desk.send(sampleCharter()).isEmpty)
        #expect(desk.send(plan(revision: 1)).isEmpty)
        #expect(desk.state?.waiting.count == 2)
        desk.reference = ReferenceData(policy: try samplePolicy(), roster: deskRoster())
        desk.advance(minutes: 2)
        #expect(desk.tick().decisions.map(\.outcome) == [.approved])
        #expect(desk.state?.waiting.isEmpty == true)
    }

    @Test func aCharterWaitingForTheReferenceDataIsNeverRefused() throws {
        var desk = try DeskHarness(reference: ReferenceData())
        desk.send(sampleCharter())
        desk.send(plan(revision: 1))
        desk.reference = ReferenceData(policy: try samplePolicy())
        desk.advance(minutes: 11)
        let refused = desk.tick().decisions
        #expect(refused.map(\.refusal?.refusedEventType) == [PlanSubmitted.eventType])
        #expect(refused.first?.reasons == ["planning had no policy and roster to decide with within the hold period (10 min) after it arrived; submit it again"])
        #expect(desk.state?.waiting.map(\.input.isCharter) == [true])
        desk.reference.roster = deskRoster()
        #expect(desk.tick().isEmpty)
        #expect(desk.state?.charter == sampleCharter() && desk.state?.waiting.isEmpty == true)
    }

    @Test func aCharterCopyChangesNothing() throws {
        var desk = try DeskHarness()
        desk.send(sampleCharter())
        #expect(desk.send(sampleCharter { $0.projectManager = "someone.else" }).isEmpty)
        #expect(desk.state?.charter == sampleCharter())
    }
}

extension Array {
    /// The single element, or nil when there are none or several.
    var only: Element? { count == 1 ? first : nil }
}
