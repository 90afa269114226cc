import Foundation
import Testing
@testable import Change
import PMOModel
import ServiceRuntime

/// Change control for one project, input by input: assessment, the PM's and the CCB's decisions,
/// re-baselines, refusals, reminders and the final deadline.
@Suite struct ChangeDeskTests {
    /// WP-3 finishes 12 days later: the finish moves 10 days (WP-4's float absorbs 2), within the
    /// PM's 10 days.
    let withinTolerance = [change("WP-3", finish: "2026-12-30")]
    /// WP-3 costs 30,000 EUR more: beyond the PM's 25,000 EUR.
    let beyondTolerance = [change("WP-3", value: 290_000)]

    @Test func thePMDecidesAChangeWithinToleranceAndTheBaselineIsRevised() throws {
        var desk = try ChangeHarness()
        let assessed = desk.send(changeRequest(days: 10, changes: withinTolerance))
        let assessment = try #require(assessed.of(ChangeAssessmentCompleted.self).first)
        #expect(assessed.count == 1)
        #expect(assessment.route == .projectManager)
        #expect(assessment.deciders == ["marc.lefevre"])
        #expect(assessment.findings.isEmpty)
        #expect(assessment.impactSummary.scheduleDays == 10)
        #expect(assessment.claimedImpact?.scheduleDays == 10)

        let decided = desk.send(vote("marc.lefevre", .approve))
        let decision = try #require(decided.of(ChangeDecisionMade.self).first)
        let rebaseline = try #require(decided.of(ProjectRebaselined.self).first)
        #expect(decision.decidedBy == .projectManager)
        #expect(decision.outcome == .approved)
        #expect(decision.votes.isEmpty)
        #expect(decision.policyVersion == assessment.policyVersion)
        #expect(decision.reasons == ["the project's PM marc.lefevre approved the change within the PM's tolerance",
                                     "baseline revision 2 replaces revision 1"])
        #expect(rebaseline.baselineRevision == 2)
        #expect(rebaseline.previousBaselineRevision == 1)
        #expect(rebaseline.changeRequestId == "CR-2026-031")
        #expect(rebaseline.baseline.plannedFinish == day("2027-04-10"))
        #expect(rebaseline.workPackagesChanged == ["WP-3", "WP-4"])
        #expect(desk.state?.baseline?.revision == 2)
        #expect(desk.state?.priorApprovals.map(\.changeRequestId) == ["CR-2026-031"])
        #expect(desk.request()?.phase == .approved)
        #expect(desk.emitted.map(\.id) == [
            "change/assessment/PRJ-2026-014/CR-2026-031/r1",
            "change/decision/PRJ-2026-014/CR-2026-031/r1/approved",
            "change/rebaseline/PRJ-2026-014/b2",
        ])
    }

    @Test func onlyTheProjectsPMDecidesOnThePMRouteAndARefusalChangesNothing() throws {
        var desk = try ChangeHarness()
        desk.send(changeRequest(days: 10, changes: withinTolerance))
        let before = desk.state
        let refused = desk.send(vote("claire.martin", .approve))
        let refusal = try #require(refused.of(ChangeDecisionMade.self).first)
        #expect(refusal.outcome == .refused)
        #expect(refusal.refusal?.submittedBy == "claire.martin")
        #expect(refusal.reasons == ["revision 1 of CR-2026-031 is within the PM's tolerance; only the project's PM marc.lefevre decides it, not claire.martin"])
        #expect(desk.state == before)
    }

    @Test func smallApprovedChangesAddUpAndTheNextGoesToTheCCB() throws {
        var desk = try ChangeHarness()
        // CR-2026-030: WP-3 ends 6 days later, WP-4 moves 4 days (2 of float): approved by the PM.
        desk.send(changeRequest("CR-2026-030", days: 4, changes: [change("WP-3", finish: "2026-12-24")]))
        desk.send(vote("marc.lefevre", .approve, on: "CR-2026-030"))
        #expect(desk.state?.baseline?.baseline.plannedFinish == day("2027-04-04"))
        // CR-2026-031: 8 more days, within 10 alone, 12 since revision 1.
        let assessed = desk.send(changeRequest(baselineRevision: 2, days: 8, changes: [change("WP-4", finish: "2027-04-12")]))
        let assessment = try #require(assessed.of(ChangeAssessmentCompleted.self).first)
        #expect(assessment.route == .changeControlBoard)
        #expect(assessment.reasons == ["with CR-2026-030 r1 approved by the PM since baseline revision 1, the finish moves 12 days in all (8 days for this change), beyond the PM's tolerance of 10 days"])
        #expect(assessment.priorApprovals == [PriorApproval(changeRequestId: "CR-2026-030", changeRequestRevision: 1, scheduleDays: 4,
                                                            costChange: eur(0), scopeChanged: false)])
        #expect(assessment.deciders == ["claire.martin", "julien.bernard", "omar.haddad", "ines.garcia", "sarah.cohen"])
    }

    @Test func theCCBApprovesAsSoonAsCertainAndItsBaselineResetsTheCumulativeCount() throws {
        var desk = try ChangeHarness()
        desk.send(changeRequest("CR-2026-030", days: 4, changes: [change("WP-3", finish: "2026-12-24")]))
        desk.send(vote("marc.lefevre", .approve, on: "CR-2026-030"))
        let assessed = desk.send(changeRequest(baselineRevision: 2, cost: 30_000, changes: beyondTolerance))
        #expect(assessed.of(ChangeAssessmentCompleted.self).first?.route == .changeControlBoard)
        #expect(desk.send(vote("claire.martin", .approve, comments: "Worth it.")).isEmpty)
        #expect(desk.send(vote("julien.bernard", .revise)).isEmpty)
        #expect(desk.send(vote("omar.haddad", .approve)).isEmpty)
        let decided = desk.send(vote("sarah.cohen", .approve))
        let decision = try #require(decided.of(ChangeDecisionMade.self).first)
        #expect(decision.decidedBy == .changeControlBoard)
        #expect(decision.outcome == .approved)
        #expect(decision.quorumMet == true)
        #expect(decision.votes == [VoteReference(voter: "claire.martin", vote: .approve), VoteReference(voter: "julien.bernard", vote: .revise),
                                   VoteReference(voter: "omar.haddad", vote: .approve), VoteReference(voter: "sarah.cohen", vote: .approve)])
        #expect(decision.reasons == [
            "the CCB approved the change: 3 of 4 votes cast approve (1 revise, 0 reject); 5 members may vote; quorum 3 met; a simple majority needed",
            "claire.martin voted approve: Worth it.", "julien.bernard voted revise", "omar.haddad voted approve", "sarah.cohen voted approve",
            "baseline revision 3 replaces revision 2",
        ])
        let rebaseline = try #require(decided.of(ProjectRebaselined.self).first)
        #expect(rebaseline.baselineRevision == 3)
        #expect(rebaseline.baseline.budgetAtCompletion == eur(830_000))
        #expect(desk.state?.priorApprovals.isEmpty == true)
        #expect(desk.state?.toleranceReference?.baselineRevision == 3)
        // A late vote on the decided revision is refused.
        let late = desk.send(vote("ines.garcia", .reject))
        #expect(late.of(ChangeDecisionMade.self).first?.reasons == ["revision 1 of CR-2026-031 was approved; it takes no more votes"])
    }

    @Test func theRequesterMayNotVoteOnTheirOwnRequest() throws {
        var desk = try ChangeHarness()
        desk.send(changeRequest(cost: 30_000, requester: "ines.garcia", changes: beyondTolerance))
        let refused = desk.send(vote("ines.garcia", .approve))
        #expect(refused.of(ChangeDecisionMade.self).first?.refusal?.reason == "ines.garcia requested CR-2026-031 and may not vote on their own request")
        guard case .awaitingBoard(let board) = desk.request()?.phase else { Issue.record("not with the CCB"); return }
        #expect(board.votes.isEmpty)
    }

    @Test func aRequestAgainstAStaleOrUnknownBaselineRevisionIsRefused() throws {
        var desk = try ChangeHarness()
        desk.send(changeRequest(days: 10, changes: withinTolerance))
        desk.send(vote("marc.lefevre", .approve))
        let stale = desk.send(changeRequest("CR-2026-032", baselineRevision: 1, changes: [change("WP-1", value: 121_000)]))
        #expect(stale.of(ChangeDecisionMade.self).first?.reasons
            == ["revision 1 of CR-2026-032 is against baseline revision 1, which is stale: revision 2 is in force; resubmit against it"])
        let future = desk.send(changeRequest("CR-2026-033", baselineRevision: 3, changes: [change("WP-1", value: 121_000)]))
        #expect(future.of(ChangeDecisionMade.self).first?.reasons
            == ["revision 1 of CR-2026-033 is against baseline revision 3, which does not exist: revision 2 is in force"])
        #expect(desk.state?.requests["CR-2026-032"] == nil)
    }

    @Test func aRequestForAProjectWithoutBaselineIsHeldThenRefused() throws {
        var desk = try ChangeHarness(baselined: false)
        #expect(desk.send(changeRequest(changes: withinTolerance)).isEmpty)
        desk.advance(days: 1)
        let refused = desk.tick()
        let refusal = try #require(refused.of(ChangeDecisionMade.self).first)
        #expect(refusal.outcome == .refused)
        #expect(refusal.reasons.first?.contains("PRJ-2026-014 is unknown to change control or not baselined yet") == true)
    }

    @Test func aRequestHeldForItsBaselineIsAssessedWhenTheBaselineArrives() throws {
        var desk = try ChangeHarness(baselined: false)
        #expect(desk.send(changeRequest(days: 10, changes: withinTolerance)).isEmpty)
        let assessed = desk.send(planningBaseline())
        #expect(assessed.of(ChangeAssessmentCompleted.self).first?.route == .projectManager)
    }

    @Test func aSecondOpenRequestWithTheSameIdIsRefused() throws {
        var desk = try ChangeHarness()
        desk.send(changeRequest(days: 10, changes: withinTolerance))
        let refused = desk.send(changeRequest(days: 10, changes: withinTolerance))
        #expect(refused.of(ChangeDecisionMade.self).first?.reasons
            == ["a second open request with id CR-2026-031: revision 1 is awaiting the PM's decision"])
        let early = desk.send(changeRequest(revision: 2, changes: withinTolerance))
        #expect(early.of(ChangeDecisionMade.self).first?.reasons
            == ["revision 1 of CR-2026-031 is awaiting the PM's decision; a new revision follows a return for revision"])
    }

    @Test func theCCBSendsARequestBackAndItsResubmissionIsAssessedAgain() throws {
        var desk = try ChangeHarness()
        desk.send(changeRequest(cost: 30_000, changes: beyondTolerance))
        desk.send(vote("claire.martin", .revise))
        desk.send(vote("julien.bernard", .revise))
        let returned = desk.send(vote("omar.haddad", .reject))
        #expect(returned.of(ChangeDecisionMade.self).first?.outcome == .returnedForRevision)
        #expect(desk.request()?.phase == .returnedForRevision)
        let skipped = desk.send(changeRequest(revision: 3, cost: 20_000, changes: [change("WP-3", value: 280_000)]))
        #expect(skipped.of(ChangeDecisionMade.self).first?.reasons
            == ["CR-2026-031 was returned for revision at revision 1; the next revision is 2, not 3"])
        let reassessed = desk.send(changeRequest(revision: 2, cost: 20_000, changes: [change("WP-3", value: 280_000)]))
        let assessment = try #require(reassessed.of(ChangeAssessmentCompleted.self).first)
        #expect(assessment.changeRequestRevision == 2)
        #expect(assessment.route == .projectManager)
        let stale = desk.send(vote("claire.martin", .approve, revision: 1))
        #expect(stale.of(ChangeDecisionMade.self).first?.reasons
            == ["revision 1 of CR-2026-031 was superseded by revision 2; it takes no more votes"])
    }

    @Test func aVoteBeforeItsRequestIsHeldAndCounted() throws {
        var desk = try ChangeHarness()
        #expect(desk.send(vote("claire.martin", .approve)).isEmpty)
        desk.send(changeRequest(cost: 30_000, changes: beyondTolerance))
        guard case .awaitingBoard(let board) = desk.request()?.phase else { Issue.record("not with the CCB"); return }
        #expect(board.votes.map(\.voter) == ["claire.martin"])
        #expect(desk.state?.held.isEmpty == true)
    }

    @Test func anIncompleteRequestIsReturnedWithWhatIsMissing() throws {
        var desk = try ChangeHarness()
        let returned = desk.send(changeRequest(changes: withinTolerance) { $0.alternativesConsidered = [] })
        let decision = try #require(returned.of(ChangeDecisionMade.self).first)
        #expect(decision.decidedBy == .system)
        #expect(decision.outcome == .returnedForRevision)
        #expect(decision.reasons == ["the change request is incomplete; it is returned with what is missing",
                                     "no alternative considered, and no reason why there is none (noAlternativeReason)"])
        let assessed = desk.send(changeRequest(revision: 2, days: 10, changes: withinTolerance))
        #expect(assessed.of(ChangeAssessmentCompleted.self).first?.changeRequestRevision == 2)
    }

    @Test func aRejectedRequestTakesNoMoreRevisions() throws {
        var desk = try ChangeHarness()
        desk.send(changeRequest(days: 10, changes: withinTolerance))
        desk.send(vote("marc.lefevre", .reject))
        let refused = desk.send(changeRequest(revision: 2, days: 10, changes: withinTolerance))
        #expect(refused.of(ChangeDecisionMade.self).first?.reasons == ["CR-2026-031 was rejected at revision 1; it takes no more revisions"])
    }

    @Test func anApprovalReturnsTheOtherOpenRequestsAssessedAgainstTheOldRevision() throws {
        var desk = try ChangeHarness()
        desk.send(changeRequest(days: 10, changes: withinTolerance))
        desk.send(changeRequest("CR-2026-032", changes: [change("WP-1", value: 121_000)]) { $0.impact.cost = eur(1_000) })
        let decided = desk.send(vote("marc.lefevre", .approve))
        #expect(decided.count == 3)
        let returned = try #require(decided.of(ChangeDecisionMade.self).last)
        #expect(returned.changeRequestId == "CR-2026-032")
        #expect(returned.decidedBy == .system)
        #expect(returned.outcome == .returnedForRevision)
        #expect(returned.reasons == ["baseline revision 2 (from CR-2026-031) replaced revision 1, which revision 1 of CR-2026-032 was assessed against; resubmit against revision 2"])
        // The PM's vote on the returned request is refused: it is never applied to revision 2.
        let refused = desk.send(vote("marc.lefevre", .approve, on: "CR-2026-032"))
        #expect(refused.of(ChangeDecisionMade.self).first?.outcome == .refused)
        #expect(desk.state?.baseline?.revision == 2)
    }

    @Test func aRebaselineReadBackChangesNothing() throws {
        var desk = try ChangeHarness()
        desk.send(changeRequest(days: 10, changes: withinTolerance))
        let rebaseline = try #require(desk.send(vote("marc.lefevre", .approve)).of(ProjectRebaselined.self).first)
        let before = desk.state
        #expect(desk.send(rebaseline).isEmpty)
        #expect(desk.state == before)
    }

    @Test func aNewerRebaselineFromTheTopicBecomesTheBaselineInForce() throws {
        var desk = try ChangeHarness()
        desk.send(changeRequest(days: 10, changes: withinTolerance))
        var baseline = sampleBaseline()
        baseline.workPackages[3].plannedFinish = day("2027-04-02")
        let adopted = desk.send(ProjectRebaselined(projectId: project, baselineRevision: 2, previousBaselineRevision: 1,
                                                   changeRequestId: "CR-2026-029", changeRequestRevision: 1, rebaselinedAt: t0,
                                                   policyVersion: 3, baseline: baseline))
        #expect(desk.state?.baseline?.revision == 2)
        #expect(adopted.of(ChangeDecisionMade.self).first?.outcome == .returnedForRevision)
    }

    @Test func remindersNameWhoHasNotVotedOncePerPeriod() throws {
        var desk = try ChangeHarness()
        desk.send(changeRequest(cost: 30_000, changes: beyondTolerance))
        desk.send(vote("claire.martin", .approve))
        desk.advance(days: 2.9)
        #expect(desk.tick().isEmpty)
        desk.advance(days: 0.2)
        let reminder = try #require(desk.tick().of(ChangeVoteReminderIssued.self).first)
        #expect(reminder.reminder == 1)
        #expect(reminder.route == .changeControlBoard)
        #expect(reminder.votesReceived == 1)
        #expect(reminder.pendingVoters == ["julien.bernard", "omar.haddad", "ines.garcia", "sarah.cohen"])
        #expect(desk.tick().isEmpty)
        desk.advance(days: 3)
        #expect(desk.tick().of(ChangeVoteReminderIssued.self).first?.reminder == 2)
        #expect(desk.emitted.last?.id == "change/reminder/PRJ-2026-014/CR-2026-031/r1/change-control-board/2")
    }

    @Test func pastTheFinalDeadlineThePolicyLetsTheRequestExpire() throws {
        var desk = try ChangeHarness(policy: samplePolicy { $0.changeControl.finalDeadlineDays = 10; $0.reminders.ccbVoteDays = 30 })
        let assessment = try #require(desk.send(changeRequest(cost: 30_000, changes: beyondTolerance)).of(ChangeAssessmentCompleted.self).first)
        #expect(assessment.finalDeadline == t0.addingTimeInterval(10 * 86_400))
        desk.send(vote("claire.martin", .approve))
        desk.advance(days: 9.9)
        #expect(desk.tick().isEmpty)
        desk.advance(days: 0.1)
        let expired = try #require(desk.tick().of(ChangeDecisionMade.self).first)
        #expect(expired.decidedBy == .system)
        #expect(expired.outcome == .rejected)
        #expect(expired.deadlineAction == .expire)
        #expect(expired.finalDeadline == assessment.finalDeadline)
        #expect(expired.reasons.first?.hasSuffix("; policy v3 lets it expire") == true)
        #expect(expired.reasons.last == "claire.martin voted approve")
        #expect(desk.request()?.phase == .expired)
        #expect(desk.send(vote("julien.bernard", .approve)).of(ChangeDecisionMade.self).first?.outcome == .refused)
    }

    @Test func pastTheFinalDeadlineWithTheQuorumMetTheVotesCastDecide() throws {
        var desk = try ChangeHarness(policy: samplePolicy { $0.changeControl.finalDeadlineDays = 10; $0.reminders.ccbVoteDays = 30 })
        desk.send(changeRequest(cost: 30_000, changes: beyondTolerance))
        // 2 approvals and a rejection: not certain while two members may still vote against.
        desk.send(vote("claire.martin", .approve))
        desk.send(vote("julien.bernard", .reject))
        #expect(desk.send(vote("omar.haddad", .approve)).isEmpty)
        desk.advance(days: 10)
        let decided = desk.tick()
        let decision = try #require(decided.of(ChangeDecisionMade.self).first)
        #expect(decision.decidedBy == .changeControlBoard)
        #expect(decision.outcome == .approved)
        #expect(decision.quorumMet == true)
        #expect(decision.deadlineAction == nil)
        #expect(decision.finalDeadline == t0.addingTimeInterval(10 * 86_400))
        #expect(decision.reasons.first == "the final deadline \(RFC3339.format(t0.addingTimeInterval(10 * 86_400))) passed (2 of 3 votes cast approve (0 revise, 1 reject); 5 members may vote; quorum 3 met; a simple majority needed); the quorum is met, so the votes cast decide: the CCB approved the change")
        #expect(decided.of(ProjectRebaselined.self).first?.baselineRevision == 2)
    }

    @Test func pastTheFinalDeadlineThePolicyEscalatesToTheSponsorWhoDecides() throws {
        var desk = try ChangeHarness(policy: samplePolicy {
            $0.changeControl.finalDeadlineDays = 10
            $0.changeControl.pastFinalDeadline = .escalate
            $0.reminders.ccbVoteDays = 30
        })
        desk.send(changeRequest(cost: 30_000, changes: beyondTolerance))
        desk.advance(days: 10)
        let escalation = try #require(desk.tick().of(ChangeAssessmentCompleted.self).first)
        #expect(escalation.route == .sponsor)
        #expect(escalation.deciders == ["helene.dubois"])
        #expect(desk.emitted.last?.id == "change/assessment/PRJ-2026-014/CR-2026-031/r1/sponsor")
        let refused = desk.send(vote("claire.martin", .approve))
        #expect(refused.of(ChangeDecisionMade.self).first?.outcome == .refused)
        let decided = desk.send(vote("helene.dubois", .approve))
        let decision = try #require(decided.of(ChangeDecisionMade.self).first)
        #expect(decision.decidedBy == .sponsor)
        #expect(decision.deadlineAction == .escalate)
        #expect(decision.outcome == .approved)
        #expect(decided.of(ProjectRebaselined.self).first?.baselineRevision == 2)
    }
}
