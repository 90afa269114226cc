import Foundation
import Testing
@testable import Planning
import PMOModel
import ServiceRuntime

@Suite("Planning desk: expert review, verdicts, reminders")
struct ExpertReviewDeskTests {
    /// The desk with the sample charter and a risky revision 1 under expert review.
    static func underReview() throws -> DeskHarness {
        var desk = try DeskHarness()
        desk.send(sampleCharter())
        let events = desk.send(riskyPlan())
        #expect(events.map { type(of: $0).eventType } == [PlanReviewCompleted.eventType])
        #expect(events.of(PlanReviewCompleted.self).first?.expertReviewRequired == true)
        return desk
    }

    @Test func twoExpertApprovalsBaselineThePlanAndOutsidersAndRepeatsAreRefused() throws {
        var desk = try Self.underReview()
        let outsider = try #require(desk.send(verdict("max.keller", .approve)).decisions.only)
        #expect(outsider.refusal?.reason == "max.keller is not on roster v12; only the roster's experts review plans")
        let notExpert = try #require(desk.send(verdict("lena.vogel", .approve)).decisions.only)
        #expect(notExpert.refusal?.reason == "lena.vogel is not an expert on roster v12; only the roster's experts review plans")
        let finding = PlanFinding(subPlan: .risk, severity: .minor, finding: "Name a fallback supplier")
        #expect(desk.send(verdict("sofia.rossi", .approve, findings: [finding])).isEmpty)
        let repeated = try #require(desk.send(verdict("sofia.rossi", .reject)).decisions.only)
        #expect(repeated.refusal?.reason == "sofia.rossi has already given a verdict on revision 1 of PRJ-2026-014; one verdict per expert")
        let events = desk.send(verdict("kai.tanaka", .approve))
        let decision = try #require(events.decisions.only)
        #expect(decision.outcome == .approved)
        #expect(decision.expertReviews == [ExpertReviewReference(expert: "sofia.rossi", verdict: .approve),
                                           ExpertReviewReference(expert: "kai.tanaka", verdict: .approve)])
        #expect(decision.findings.contains(finding))
        #expect(decision.reasons.contains("expert sofia.rossi approved revision 1: Name a fallback supplier"))
        #expect(events.of(ProjectBaselined.self).first?.planRevision == 1)
        #expect(desk.phase == .baselined(revision: 1))
    }

    @Test func theFirstRejectionDecidesAtOnceAndTheProjectTakesNoMore() throws {
        var desk = try Self.underReview()
        let finding = PlanFinding(subPlan: .scope, severity: .critical, finding: "Single sign-on is not covered")
        let rejection = try #require(desk.send(verdict("kai.tanaka", .reject, findings: [finding])).decisions.only)
        #expect(rejection.outcome == .rejected)
        #expect(rejection.expertReviews == [ExpertReviewReference(expert: "kai.tanaka", verdict: .reject)])
        #expect(rejection.findings.last == finding)
        #expect(desk.phase == .rejected(revision: 1))
        let late = try #require(desk.send(verdict("sofia.rossi", .approve)).decisions.only)
        #expect(late.refusal?.reason == "plan revision 1 of PRJ-2026-014 was rejected; it takes no more expert reviews")
        let plan = try #require(desk.send(riskyPlan(revision: 2)).decisions.only)
        #expect(plan.refusal?.reason == "plan revision 1 of PRJ-2026-014 was rejected by expert review; the project takes no more plans")
    }

    @Test func aReviseVerdictReturnsThePlanOnceTheRequiredVerdictsAreIn() throws {
        var desk = try Self.underReview()
        #expect(desk.send(verdict("sofia.rossi", .revise)).isEmpty)
        let decision = try #require(desk.send(verdict("kai.tanaka", .approve)).decisions.only)
        #expect(decision.outcome == .returnedForRevision)
        #expect(desk.phase == .returnedForRevision(revision: 1))
    }

    @Test func aNewRevisionSupersedesTheOneUnderExpertReview() throws {
        var desk = try Self.underReview()
        desk.send(verdict("sofia.rossi", .approve))
        #expect(desk.send(riskyPlan(revision: 2)).of(PlanReviewCompleted.self).first?.planRevision == 2)
        let late = try #require(desk.send(verdict("kai.tanaka", .approve, revision: 1)).decisions.only)
        #expect(late.refusal?.reason == "revision 1 of PRJ-2026-014 is not under expert review; revision 2 is")
        guard case .underExpertReview(let gate) = desk.phase else { Issue.record("not under expert review"); return }
        #expect(gate.revision == 2 && gate.verdicts.isEmpty)
    }

    @Test func aVerdictAheadOfItsPlanRevisionIsHeldAndCountedWhenTheRevisionArrives() throws {
        var desk = try Self.underReview()
        #expect(desk.send(verdict("sofia.rossi", .approve, revision: 2)).isEmpty)
        #expect(desk.state?.held.count == 1)
        desk.send(riskyPlan(revision: 2))
        guard case .underExpertReview(let gate) = desk.phase else { Issue.record("not under expert review"); return }
        #expect(gate.verdicts.map(\.expert) == ["sofia.rossi"])
        #expect(desk.state?.held.isEmpty == true)
    }

    @Test func theDecisionRecordsThePolicyVersionOfTheReview() throws {
        var approved = try Self.underReview()
        approved.reference.policy?.version = 4
        approved.send(verdict("sofia.rossi", .approve))
        let approval = try #require(approved.send(verdict("kai.tanaka", .approve)).decisions.only)
        #expect(approval.policyVersion == 3)
        #expect(approved.emitted.compactMap { $0.event as? ProjectBaselined }.first?.policyVersion == 3)
        var rejected = try Self.underReview()
        rejected.reference.policy?.version = 4
        let rejection = try #require(rejected.send(verdict("kai.tanaka", .reject)).decisions.only)
        #expect(rejection.policyVersion == 3)
        // A refusal is made now, under the policy in force.
        let refusal = try #require(rejected.send(verdict("sofia.rossi", .approve)).decisions.only)
        #expect(refusal.policyVersion == 4)
    }

    @Test func overdueExpertReviewsAreRemindedOncePerPeriodNamingThePendingExperts() throws {
        var desk = try Self.underReview()
        desk.send(verdict("sofia.rossi", .approve))
        desk.advance(days: 6.9)
        #expect(desk.tick().isEmpty)
        desk.advance(days: 0.1)
        let first = try #require(desk.tick().of(ExpertReviewReminderIssued.self).only)
        #expect(first.experts == ["kai.tanaka"])
        #expect(first.reminder == 1 && first.reminderPeriodDays == 7)
        #expect(first.verdictsRequired == 2 && first.verdictsReceived == 1)
        #expect(first.pendingSince == t0)
        desk.advance(days: 3)
        #expect(desk.tick().isEmpty)
        desk.advance(days: 4)
        let second = try #require(desk.tick().of(ExpertReviewReminderIssued.self).only)
        #expect(second.reminder == 2)
        #expect(desk.emitted.compactMap(\.id).suffix(2) == ["planning/reminder/PRJ-2026-014/r1/1", "planning/reminder/PRJ-2026-014/r1/2"])
    }
}
