import Foundation
import Testing
@testable import Intake
import PMOModel
import ServiceRuntime

/// Issue 13's proposal lifecycle: withdrawal, deferral, appeal.
@Suite struct LifecycleTests {
    func withdrawal(by person: String = "helene.dubois", revision: Int = 1) -> ProposalWithdrawn {
        ProposalWithdrawn(projectId: "PRJ-2026-201", proposalRevision: revision, withdrawnAt: t0, withdrawnBy: person,
                          reason: "Merged into the CRM renewal.")
    }

    func deferral(until: String, by person: String = "helene.dubois") -> DeferralRequested {
        DeferralRequested(projectId: "PRJ-2026-201", proposalRevision: 1, requestedAt: t0, requestedBy: person,
                          until: day(until), reason: "After the budget round.")
    }

    func appeal(by person: String = "helene.dubois") -> AppealSubmitted {
        AppealSubmitted(projectId: "PRJ-2026-201", proposalRevision: 1, submittedAt: t0, appellant: person,
                        reason: "SO-2 was renamed, not dropped.")
    }

    func ruling(_ verdict: AppealVerdict, by person: String = "anna.kowalski") -> AppealDecided {
        AppealDecided(projectId: "PRJ-2026-201", proposalRevision: 1, decidedAt: t0, decidedBy: person, verdict: verdict,
                      reasons: ["Checked against policy v3."])
    }

    /// The example roster with anna.kowalski as PMO head.
    func roster() throws -> RosterPublished {
        var roster = try exampleRoster()
        roster.members.append(RosterMember(personId: "anna.kowalski", name: "Anna Kowalski", department: "pmo", roles: [.pmoHead]))
        return roster
    }

    /// A desk where PRJ-2026-201 was rejected by finance.
    func rejectedDesk() throws -> DeskHarness {
        var desk = try DeskHarness(roster: try roster())
        desk.submit(proposal())
        desk.send(review("finance", "omar.haddad", .reject))
        #expect(desk.phase() == .rejected)
        return desk
    }

    @Test func theSponsorWithdrawsAProposalUnderReview() throws {
        var desk = try DeskHarness()
        desk.submit(proposal())
        let refused = try #require(desk.receive(.withdrawal(withdrawal(by: "omar.haddad"), origin("a"))).decisions.first)
        #expect(refused.refusal?.reason == "only the sponsor helene.dubois may withdraw PRJ-2026-201, not omar.haddad")
        #expect(desk.phase() == .underReview)
        let decision = try #require(desk.receive(.withdrawal(withdrawal(), origin("b"))).decisions.first)
        #expect(decision.outcome == .withdrawn)
        #expect(decision.reasons == ["withdrawn by the sponsor helene.dubois: Merged into the CRM renewal."])
        #expect(desk.phase() == .withdrawn)
        #expect(desk.send(review("business", "julien.bernard", .approve)).decisions.first?.outcome == .refused)
        #expect(desk.submit(proposal(revision: 2)).decisions.first?.refusal?.reason
            == "PRJ-2026-201 was withdrawn by its sponsor (revision 1); a new proposal needs a new project id")
        #expect(IntakeEventIdentity.id(of: decision) == "intake/decision/PRJ-2026-201/r1/withdrawn")
    }

    @Test func aDecidedProposalCannotBeWithdrawn() throws {
        var desk = try rejectedDesk()
        let refused = try #require(desk.receive(.withdrawal(withdrawal(), origin("a"))).decisions.first)
        #expect(refused.refusal?.reason == "PRJ-2026-201 was already rejected (revision 1); it cannot be withdrawn")
    }

    @Test func aDeferralPausesReviewsAndRemindersAndResumesOnItsDay() throws {
        var desk = try DeskHarness()
        desk.submit(proposal())
        desk.send(review("business", "julien.bernard", .approve))
        let deferred = try #require(desk.receive(.deferral(deferral(until: "2026-06-15"), origin("a"))).decisions.first)
        #expect(deferred.outcome == .deferred)
        #expect(deferred.deferredUntil == day("2026-06-15"))
        #expect(IntakeEventIdentity.id(of: deferred) == "intake/decision/PRJ-2026-201/r1/deferred-2026-06-15")
        #expect(desk.phase() == .deferred)
        let paused = try #require(desk.send(review("finance", "omar.haddad", .approve)).decisions.first)
        #expect(paused.refusal?.reason == "PRJ-2026-201 is deferred until 2026-06-15 at its sponsor's request; reviews resume then")
        // No reminder while deferred, even long past the reminder period.
        desk.advance(days: 10)
        #expect(desk.tick().isEmpty)
        #expect(desk.phase() == .deferred)
        desk.now = Date(timeIntervalSince1970: 1_781_481_600)  // 2026-06-15T00:00:00Z
        _ = desk.tick()
        #expect(desk.phase() == .underReview)
        #expect(desk.cases["PRJ-2026-201"]?.dossier?.gate?.reviews.map(\.department) == ["business"])
        #expect(desk.send(review("finance", "omar.haddad", .approve)).decisions.isEmpty)
    }

    @Test func aDeferralMustEndAfterTodayAndComeFromTheSponsor() throws {
        var desk = try DeskHarness()
        desk.submit(proposal())
        let past = try #require(desk.receive(.deferral(deferral(until: "2026-05-28"), origin("a"))).decisions.first)
        #expect(past.refusal?.reason == "a deferral must end after today (2026-05-28), not on 2026-05-28")
        let other = try #require(desk.receive(.deferral(deferral(until: "2026-07-01", by: "marc.lefevre"), origin("b"))).decisions.first)
        #expect(other.refusal?.reason == "only the sponsor helene.dubois may defer PRJ-2026-201, not marc.lefevre")
        #expect(desk.phase() == .underReview)
    }

    @Test func aGrantedAppealLetsTheSponsorResubmit() throws {
        var desk = try rejectedDesk()
        #expect(desk.receive(.appeal(appeal(), origin("a"))).isEmpty)
        #expect(desk.phase() == .appealed)
        let notHead = try #require(desk.receive(.appealRuling(ruling(.grant, by: "claire.martin"), origin("b"))).decisions.first)
        #expect(notHead.refusal?.reason == "claire.martin is not the PMO head on roster v12; only the PMO head rules on appeals")
        let granted = try #require(desk.receive(.appealRuling(ruling(.grant), origin("c"))).decisions.first)
        #expect(granted.outcome == .returnedForRevision)
        #expect(granted.appealVerdict == .grant)
        #expect(granted.reasons == ["the PMO head anna.kowalski granted the appeal of helene.dubois; revision 2 may be submitted",
                                    "Checked against policy v3.", "the appeal: SO-2 was renamed, not dropped."])
        #expect(IntakeEventIdentity.id(of: granted) == "intake/decision/PRJ-2026-201/r1/appeal-grant")
        #expect(desk.submit(proposal(revision: 2)).of(AssessmentCompleted.self).first?.proposalRevision == 2)
    }

    @Test func anUpheldRejectionIsFinalAndARejectionIsAppealedOnce() throws {
        var desk = try rejectedDesk()
        desk.receive(.appeal(appeal(), origin("a")))
        let again = try #require(desk.receive(.appeal(appeal(), origin("b"))).decisions.first)
        #expect(again.refusal?.reason == "PRJ-2026-201 was already appealed once (awaiting the PMO head's ruling); a rejection is appealed once")
        let upheld = try #require(desk.receive(.appealRuling(ruling(.uphold), origin("c"))).decisions.first)
        #expect(upheld.outcome == .rejected)
        #expect(upheld.appealVerdict == .uphold)
        #expect(desk.phase() == .rejected)
        let third = try #require(desk.receive(.appeal(appeal(), origin("d"))).decisions.first)
        #expect(third.refusal?.reason == "PRJ-2026-201 was already appealed once (the PMO head ruled: uphold); a rejection is appealed once")
    }

    @Test func onlyARejectionIsAppealed() throws {
        var desk = try DeskHarness(roster: try roster())
        desk.submit(proposal())
        let refused = try #require(desk.receive(.appeal(appeal(), origin("a"))).decisions.first)
        #expect(refused.refusal?.reason == "PRJ-2026-201 is under review (revision 1); only a rejection can be appealed")
    }

    @Test func theLifecycleStateSurvivesTheChangelog() throws {
        var desk = try rejectedDesk()
        desk.receive(.appeal(appeal(), origin("a")))
        let state = try #require(desk.cases["PRJ-2026-201"])
        let restored = try PMOJSON.decode(IntakeCase.self, from: try PMOJSON.encode(state))
        #expect(restored == state)
        #expect(restored.dossier?.appeal?.reason == "SO-2 was renamed, not dropped.")
    }

    func origin(_ id: String) -> InputOrigin { InputOrigin(id: id, source: "/tests", type: "t") }
}
