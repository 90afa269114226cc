import Foundation
import Testing
@testable import Intake
import PMOModel
import ServiceRuntime

@Suite("Intake desk: submissions, review gate, chartering, reminders, refusals")
struct IntakeDeskTests {
    /// Sends the four required reviews with `verdicts` (business, technical, finance, legal order).
    static func reviewAll(_ harness: inout DeskHarness, _ verdicts: [Verdict], revision: Int = 1,
                          project: String = "PRJ-2026-201") -> [any PMOEvent] {
        zip(["business", "technical", "finance", "legal"], verdicts).flatMap { department, verdict in
            harness.send(review(department, reviewers[department] ?? "", verdict, project: project, revision: revision))
        }
    }

    @Test func incompleteProposalIsReturnedWithTheMissingSectionsBeforeScoring() throws {
        var harness = try DeskHarness()
        let events = harness.submit(proposal { $0.budgetEstimate = nil; $0.constraints = [] })
        let assessment = try #require(events.of(AssessmentCompleted.self).first)
        #expect(!assessment.complete)
        #expect(assessment.missingSections == [.constraints, .budget])
        #expect(assessment.scores.isEmpty && assessment.totalScore == nil)
        #expect(assessment.recommendation == .returnForRevision)
        let decision = try #require(events.decisions.first)
        #expect(decision.outcome == .returnedForRevision)
        #expect(decision.reasons == ["the proposal is incomplete: missing or empty sections: constraints, budget"])
        #expect(decision.findings.map(\.section) == [.constraints, .budget])
        #expect(decision.policyVersion == 3)
        #expect(harness.phase() == .returnedForRevision)
    }

    @Test func lowScoreRejectsWithTheReasons() throws {
        var harness = try DeskHarness()
        let events = harness.submit(proposal {
            $0.strategicObjectives = []
            $0.businessCase = BusinessCase(benefits: ["b"], estimatedCost: eur(400_000), expectedValue: eur(440_000))
        })
        #expect(events.of(AssessmentCompleted.self).first?.recommendation == .reject)
        let decision = try #require(events.decisions.first)
        #expect(decision.outcome == .rejected)
        #expect(decision.reasons.first == "total score 42.4 is below the approval threshold of 60")
        #expect(decision.reasons.count == 6)
        #expect(harness.phase() == .rejected)
    }

    @Test func allApprovalsCharterTheProjectWithThePolicyVersion() throws {
        var harness = try DeskHarness()
        let assessed = harness.submit(proposal())
        #expect(assessed.decisions.isEmpty)
        #expect(assessed.of(AssessmentCompleted.self).first?.requiredReviewDepartments == ["business", "technical", "finance", "legal"])
        let events = Self.reviewAll(&harness, [.approve, .approve, .approve, .approve])
        let decision = try #require(events.decisions.last)
        #expect(events.decisions.count == 1)
        #expect(decision.outcome == .approved)
        #expect(!decision.projectManagerAppointmentRequired)
        #expect(decision.decidingReviews.map(\.department) == ["business", "technical", "finance", "legal"])
        let charter = try #require(events.of(ProjectChartered.self).first)
        #expect(charter.projectManager == "marc.lefevre")
        #expect(charter.budgetCeiling == eur(400_000))
        #expect(charter.targetStart == day("2026-04-01") && charter.targetFinish == day("2026-09-30"))
        #expect(charter.priority == .critical)  // 96.2
        #expect(charter.classification == .standard)
        #expect(charter.policyVersion == 3)
        #expect(charter.sponsor == "helene.dubois")
        #expect(harness.phase() == .chartered)
    }

    @Test func oneRejectRejectsAtOnceAndLaterReviewsAreRefused() throws {
        var harness = try DeskHarness()
        harness.submit(proposal())
        harness.send(review("business", "julien.bernard", .approve))
        let events = harness.send(review("finance", "omar.haddad", .reject))
        let decision = try #require(events.decisions.first)
        #expect(decision.outcome == .rejected)
        #expect(decision.decidingReviews == [ReviewReference(reviewer: "omar.haddad", department: "finance", verdict: .reject)])
        #expect(decision.reasons == ["finance (omar.haddad) rejected: finance: scope unclear"])
        let late = harness.send(review("legal", "lena.vogel", .approve)).decisions
        #expect(late.map(\.outcome) == [.refused])
        #expect(late.first?.refusal?.reason.contains("was rejected") == true)
        #expect(late.first?.refusal?.submittedBy == "lena.vogel")
    }

    @Test func reviseWaitsForEveryDepartmentAndMergesFindings() throws {
        var harness = try DeskHarness()
        harness.submit(proposal())
        let scopeFinding = ProposalFinding(section: .scope, severity: .major, finding: "Say what is out of scope")
        let shared = ProposalFinding(section: .assumptions, severity: .minor, finding: "Check the source systems")
        #expect(harness.send(review("legal", "lena.vogel", .revise, findings: [scopeFinding, shared])).isEmpty)
        #expect(harness.send(review("business", "julien.bernard", .approve, findings: [shared])).isEmpty)
        harness.send(review("technical", "sofia.rossi", .approve))
        let events = harness.send(review("finance", "omar.haddad", .approve))
        let decision = try #require(events.decisions.first)
        #expect(decision.outcome == .returnedForRevision)
        #expect(decision.findings == [scopeFinding, shared])
        #expect(decision.decidingReviews.map(\.department) == ["legal"])
        #expect(harness.phase() == .returnedForRevision)

        // The resubmission is a new revision and needs fresh reviews.
        let resubmitted = harness.submit(proposal(revision: 2))
        #expect(resubmitted.of(AssessmentCompleted.self).first?.proposalRevision == 2)
        let stale = harness.send(review("business", "julien.bernard", .approve, revision: 1)).decisions
        #expect(stale.first?.outcome == .refused)
        #expect(stale.first?.refusal?.reason.contains("current revision of PRJ-2026-201 is 2") == true)
        let approved = Self.reviewAll(&harness, [.approve, .approve, .approve, .approve], revision: 2)
        #expect(approved.decisions.map(\.outcome) == [.approved])
        #expect(approved.of(ProjectChartered.self).first?.proposalRevision == 2)
    }

    @Test func rejectAfterReviseStillRejects() throws {
        var harness = try DeskHarness()
        harness.submit(proposal())
        harness.send(review("legal", "lena.vogel", .revise))
        let events = harness.send(review("finance", "omar.haddad", .reject))
        #expect(events.decisions.map(\.outcome) == [.rejected])
    }

    @Test func reviewsThatDoNotCountAreRefusedWithAReason() throws {
        var harness = try DeskHarness()
        harness.submit(proposal())
        func refusal(_ review: ReviewSubmitted) -> String {
            let decisions = harness.send(review).decisions
            #expect(decisions.map(\.outcome) == [.refused])
            return decisions.first?.refusal?.reason ?? ""
        }
        #expect(refusal(review("finance", "max.keller", .approve)).contains("max.keller is not on roster v12"))
        #expect(refusal(review("finance", "lena.vogel", .approve)).contains("not a finance reviewer"))
        #expect(refusal(review("marketing", "helene.dubois", .approve)).contains("no marketing review is required"))
        #expect(refusal(review("finance", "marc.lefevre", .approve)).contains("not a finance reviewer"))
        harness.send(review("finance", "omar.haddad", .approve))
        #expect(refusal(review("finance", "omar.haddad", .revise)).contains("finance already reviewed revision 1"))
        // None of the refused reviews counted: three departments are still pending.
        #expect(harness.cases["PRJ-2026-201"]?.dossier?.gate?.pendingDepartments == ["business", "technical", "legal"])
    }

    @Test func refusalsNameTheRefusedEventAndTheCurrentPolicy() throws {
        var harness = try DeskHarness()
        harness.submit(proposal())
        let decision = try #require(harness.send(review("finance", "max.keller", .approve)).decisions.first)
        let refusal = try #require(decision.refusal)
        #expect(refusal.refusedEventType == ReviewSubmitted.eventType)
        #expect(refusal.refusedEventSource == "/tests")
        #expect(refusal.refusedEventId == "evt-2")
        #expect(decision.reasons == [refusal.reason])
        #expect(decision.policyVersion == 3)
    }

    @Test func submissionsThatDoNotFitAreRefused() throws {
        var harness = try DeskHarness()
        #expect(harness.submit(proposal(revision: 2)).decisions.first?.refusal?.reason.contains("must be revision 1") == true)
        harness.submit(proposal())
        let duplicate = harness.submit(proposal()).decisions
        #expect(duplicate.first?.outcome == .refused)
        #expect(duplicate.first?.refusal?.reason.contains("duplicate submission") == true)

        harness.submit(proposal("PRJ-2026-202") { $0.budgetEstimate = nil })  // returned for revision
        let skipping = harness.submit(proposal("PRJ-2026-202", revision: 3)).decisions
        #expect(skipping.first?.refusal?.reason.contains("expects revision 2 next") == true)

        harness.submit(proposal("PRJ-2026-203") { $0.strategicObjectives = []; $0.businessCase?.expectedValue = eur(400_000) })
        #expect(harness.phase("PRJ-2026-203") == .rejected)
        #expect(harness.submit(proposal("PRJ-2026-203", revision: 2)).decisions.first?.refusal?.reason.contains("already rejected") == true)

        _ = Self.reviewAll(&harness, [.approve, .approve, .approve, .approve])
        #expect(harness.phase() == .chartered)
        #expect(harness.submit(proposal(revision: 2)).decisions.first?.refusal?.reason.contains("already approved and chartered") == true)
    }

    @Test func aResubmissionDuringReviewIsHeldUntilTheDecisionOrRefusedAfterTheHoldPeriod() throws {
        var harness = try DeskHarness()
        harness.submit(proposal())
        // Revision 2 overtakes the reviews that return revision 1: it is held, not refused.
        #expect(harness.submit(proposal(revision: 2)).isEmpty)
        harness.send(review("legal", "lena.vogel", .revise))
        harness.send(review("business", "julien.bernard", .approve))
        harness.send(review("technical", "sofia.rossi", .approve))
        let events = harness.send(review("finance", "omar.haddad", .approve))
        #expect(events.decisions.map(\.outcome) == [.returnedForRevision])
        #expect(events.of(AssessmentCompleted.self).map(\.proposalRevision) == [2])
        #expect(harness.phase() == .underReview)

        // Without a decision, the held resubmission is refused once the hold period is over.
        harness.submit(proposal("PRJ-2026-204"))
        harness.submit(proposal("PRJ-2026-204", revision: 2))
        harness.advance(days: 0.005)  // 7 minutes
        #expect(harness.tick("PRJ-2026-204").isEmpty)
        harness.advance(days: 0.003)  // 11 minutes in all
        let expired = harness.tick("PRJ-2026-204")
        let refusal = try #require(expired.first?.event as? IntakeDecisionMade)
        #expect(refusal.outcome == .refused)
        #expect(refusal.refusal?.reason.contains("under department review") == true)
        #expect(expired.first?.id == "intake/refusal/PRJ-2026-204/evt-8@/tests")
        #expect(harness.tick("PRJ-2026-204").isEmpty)
    }

    @Test func aReviewOfAnUnknownProposalIsHeldThenRefused() throws {
        var harness = try DeskHarness()
        #expect(harness.send(review("finance", "omar.haddad", .approve, project: "PRJ-2026-299")).isEmpty)
        harness.advance(days: 1)
        let expired = harness.tick("PRJ-2026-299")
        let decision = try #require(expired.first?.event as? IntakeDecisionMade)
        #expect(decision.outcome == .refused)
        #expect(decision.refusal?.reason.hasPrefix("no proposal has been submitted for PRJ-2026-299") == true)
    }

    @Test func aReviewThatOvertakesItsProposalCountsOnceTheProposalArrives() throws {
        var harness = try DeskHarness()
        #expect(harness.send(review("business", "julien.bernard", .approve)).isEmpty)
        harness.submit(proposal())
        #expect(harness.cases["PRJ-2026-201"]?.dossier?.gate?.pendingDepartments == ["technical", "finance", "legal"])
        #expect(harness.cases["PRJ-2026-201"]?.held.isEmpty == true)
    }

    @Test func aNominatedPMWhoIsNoPMNeedsAnAppointmentBeforeTheCharter() throws {
        var harness = try DeskHarness()
        harness.submit(proposal(pm: "tom.nguyen"))
        let events = Self.reviewAll(&harness, [.approve, .approve, .approve, .approve])
        let decision = try #require(events.decisions.first)
        #expect(decision.outcome == .approved)
        #expect(decision.projectManagerAppointmentRequired)
        #expect(decision.reasons.last?.contains("tom.nguyen is not a project manager on roster v12") == true)
        #expect(events.of(ProjectChartered.self).isEmpty)
        #expect(harness.phase() == .awaitingProjectManager)
        #expect(harness.tick().isEmpty)

        // Once the roster lists the nominee as a PM, the next tick charters the project, once.
        var roster = try exampleRoster()
        roster.version = 13
        if let index = roster.members.firstIndex(where: { $0.personId == "tom.nguyen" }) {
            roster.members[index].roles.append(.projectManager)
        }
        harness.reference.apply(roster)
        let ticked = harness.tick()
        let charter = try #require(ticked.first?.event as? ProjectChartered)
        #expect(charter.projectManager == "tom.nguyen")
        #expect(ticked.first?.id == "intake/charter/PRJ-2026-201")
        #expect(harness.phase() == .chartered)
        #expect(harness.tick().isEmpty)
    }

    @Test func overdueReviewsGetOneReminderNamingWhoIsLate() throws {
        var harness = try DeskHarness()
        harness.submit(proposal())
        harness.send(review("business", "julien.bernard", .approve))
        harness.advance(days: 4.9)
        #expect(harness.tick().isEmpty)
        harness.advance(days: 0.2)
        let ticked = harness.tick()
        let reminder = try #require(ticked.first?.event as? ReviewReminderIssued)
        #expect(reminder.overdueReviews == [
            PendingReview(department: "technical", reviewers: ["sofia.rossi"]),
            PendingReview(department: "finance", reviewers: ["omar.haddad"]),
            PendingReview(department: "legal", reviewers: ["lena.vogel"]),
        ])
        #expect(reminder.pendingSince == t0)
        #expect(reminder.reminderPeriodDays == 5)
        #expect(ticked.first?.id == "intake/reminder/PRJ-2026-201/r1")
        harness.advance(days: 3)
        #expect(harness.tick().isEmpty)
    }

    @Test func inputsWaitForThePolicyAndRoster() throws {
        var harness = try DeskHarness()
        let reference = harness.reference
        harness.reference = IntakeReference(roster: reference.roster)
        #expect(harness.submit(proposal()).isEmpty)
        #expect(harness.tick().isEmpty)
        #expect(harness.cases["PRJ-2026-201"]?.waiting.count == 1)
        harness.reference = reference
        let ticked = harness.tick()
        #expect(ticked.count == 1)
        #expect(ticked.first?.event is AssessmentCompleted)
        #expect(ticked.first?.id == "intake/assessment/PRJ-2026-201/r1")
        #expect(harness.cases["PRJ-2026-201"]?.waiting.isEmpty == true)
    }

    @Test func gateDecisionsRecordThePolicyOfTheAssessment() throws {
        var harness = try DeskHarness()
        harness.submit(proposal())
        var v4 = try examplePolicy()
        v4.version = 4
        harness.reference.apply(v4)
        let refused = harness.send(review("finance", "max.keller", .approve)).decisions
        #expect(refused.first?.policyVersion == 4)
        let events = Self.reviewAll(&harness, [.approve, .approve, .approve, .approve])
        #expect(events.decisions.first?.policyVersion == 3)
        #expect(events.of(ProjectChartered.self).first?.policyVersion == 3)
    }
}
