import Foundation
import Testing
@testable import PMOControl
import PMOModel

@Suite("pmoctl: change requests and votes")
struct ChangeEventTests {
    let now = Date(timeIntervalSince1970: 1_790_000_000)

    @Test func aVoteFromTheCommandLineIsAValidVoteCastNow() throws {
        let document = try PMOControl.ChangeCommand.Vote.document(
            project: "PRJ-2026-101", request: "CR-2026-201", vote: "approve", voter: "claire.martin", revision: 2,
            comments: "Worth the delay.", now: now)
        let vote = try #require(try EventValidation.check(document, type: VoteCast.eventType).get().first as? VoteCast)
        #expect(vote == VoteCast(projectId: "PRJ-2026-101", changeRequestId: "CR-2026-201", changeRequestRevision: 2,
                                 voter: "claire.martin", vote: .approve, comments: "Worth the delay.", castAt: now))
        #expect(TopicCatalog.topic(carrying: VoteCast.eventType)?.name == "pmo.change.votes")
    }

    @Test func aMistypedVoteIsRefusedWithItsPointer() throws {
        let document = try PMOControl.ChangeCommand.Vote.document(
            project: "PRJ-2026-101", request: "CR-2026-201", vote: "yes", voter: "Claire Martin", revision: 1, comments: nil, now: now)
        guard case .failure(let report) = EventValidation.check(document, type: VoteCast.eventType) else {
            Issue.record("accepted"); return
        }
        #expect(Set(report.violations.map(\.pointer.description)) == ["/vote", "/voter"])
    }

    @Test func aRequestWithoutSubmissionTimeIsStampedAndTheDemoRequestsAreValid() throws {
        let path = repositoryRoot.appendingPathComponent("examples/demo/13-change-requests.json").path
        var document = try EventDocument.read(path)
        var objects = try document.events.map { try #require(try JSONSerialization.jsonObject(with: $0) as? [String: Any]) }
        objects[0]["submittedAt"] = nil
        document.events = try objects.map { try JSONSerialization.data(withJSONObject: $0) }
        let stamped = try ReferenceDocument.stamped(document, field: "submittedAt", now: now)
        let requests = try EventValidation.check(stamped, type: ChangeRequestSubmitted.eventType).get().compactMap { $0 as? ChangeRequestSubmitted }
        #expect(requests.first?.submittedAt == now)
        let votes = try EventValidation.check(
            try EventDocument.read(repositoryRoot.appendingPathComponent("examples/demo/14-change-votes.json").path),
            type: VoteCast.eventType).get()
        #expect(votes.count == 3)
    }
}

@Suite("pmoctl tail: change events")
struct ChangeGistTests {
    @Test func changeEventsHaveOneLineGists() throws {
        let request = try #require(try examples(ChangeRequestSubmitted.eventType).first)
        #expect(EventGist.of(request) == "CR-2026-031 r1 against baseline r1 by marc.lefevre: \"Add the mobile app as a fourth customer source\", claims +42 days, +35000 EUR, 1 baseline change")
        let assessment = try #require(try examples(ChangeAssessmentCompleted.eventType).first)
        #expect(EventGist.of(assessment) == "CR-2026-031 r1 → change-control-board: finish +42 days (2027-03-31→2027-05-12), BAC 800000→835000 EUR; A 42-day slip exceeds the PM tolerance of 10 days. (+2 more) [baseline r1, policy v3]")
        let decisions = try examples(ChangeDecisionMade.eventType)
        #expect(EventGist.of(decisions[0]) == "CR-2026-031 r1 APPROVED by change-control-board (4 votes): 3 of 4 votes approve (simple majority, quorum 3 met). [policy v3]")
        #expect(EventGist.of(decisions[1]) == "CR-2026-031 r1 REFUSED pmo.change.vote.cast.v1 from tom.nguyen: voter is not a CCB member [policy v3]")
        let reminder = try #require(try examples(ChangeVoteReminderIssued.eventType).first)
        #expect(EventGist.of(reminder) == "CR-2026-031 r1 change-control-board vote overdue since 2026-10-09T10:30:00Z (reminder 1, every 5 days): 1 vote(s), waiting for claire.martin, sofia.rossi")
        let rebaseline = try #require(try examples(ProjectRebaselined.eventType).first as? ProjectRebaselined)
        #expect(EventGist.of(rebaseline).hasPrefix("baseline r\(rebaseline.baselineRevision) (was r\(rebaseline.previousBaselineRevision)) from \(rebaseline.changeRequestId) r1, BAC "))
    }
}

@Suite("pmoctl: intake lifecycle events")
struct IntakeLifecycleEventTests {
    @Test func withdrawalsDeferralsAndAppealsArePublishedOnIntakesInputTopicsWithGists() throws {
        #expect(try EventValidation.resolveType("proposal.withdrawn") == ProposalWithdrawn.eventType)
        #expect(TopicCatalog.topic(carrying: ProposalWithdrawn.eventType)?.name == "pmo.intake.proposals")
        #expect(TopicCatalog.topic(carrying: DeferralRequested.eventType)?.name == "pmo.intake.proposals")
        #expect(TopicCatalog.topic(carrying: AppealSubmitted.eventType)?.name == "pmo.intake.proposals")
        #expect(TopicCatalog.topic(carrying: AppealDecided.eventType)?.name == "pmo.intake.reviews")
        let withdrawal = try #require(try examples(ProposalWithdrawn.eventType).first)
        #expect(EventGist.of(withdrawal) == "r2 WITHDRAWN by helene.dubois: The board merged the customer data platform into the CRM renewal; this proposal is no longer needed.")
        let deferral = try #require(try examples(DeferralRequested.eventType).first)
        #expect(EventGist.of(deferral) == "r1 deferral until 2026-04-01 asked by helene.dubois: The budget round closes in March; review after it.")
        let ruling = try #require(try examples(AppealDecided.eventType).first)
        #expect(EventGist.of(ruling) == "r1 appeal GRANTED by anna.kowalski: SO-2 was renamed, not dropped; the sponsor may resubmit naming it.")
    }
}
