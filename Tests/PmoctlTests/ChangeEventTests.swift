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
