import Foundation
import Testing
@testable import PMOControl
import Intake
import PMOModel

/// `pmoctl policy simulate`: the demo's intake inputs replayed under a candidate policy.
@Suite("pmoctl policy simulate")
struct PolicySimulationTests {
    /// The demo's policy, roster, proposals and reviews as recorded events, a second apart.
    func recorded() throws -> [DecodedEvent] {
        var events: [any PMOEvent] = []
        func load(_ path: String, _ type: String) throws {
            var document = try EventDocument.read(repositoryRoot.appendingPathComponent(path).path)
            if type == PolicyPublished.eventType || type == RosterPublished.eventType {
                document = try ReferenceDocument.stamped(document, field: "publishedAt", now: Date(timeIntervalSince1970: 1_780_000_000))
            }
            events += try EventValidation.check(document, type: type).get()
        }
        try load("examples/policy.yaml", PolicyPublished.eventType)
        try load("examples/roster.yaml", RosterPublished.eventType)
        try load("examples/demo/01-proposals.json", ProposalSubmitted.eventType)
        try load("examples/demo/02-reviews.json", ReviewSubmitted.eventType)
        return events.enumerated().map { index, event in
            DecodedEvent(attributes: CloudEventAttributes(id: "e\(index)", source: "/tests", type: type(of: event).eventType,
                                                          time: Date(timeIntervalSince1970: 1_780_000_000 + Double(index)),
                                                          subject: event.recordKey),
                         event: event)
        }
    }

    func candidate(_ edit: (inout PolicyPublished) -> Void) throws -> PolicyPublished {
        let document = try ReferenceDocument.stamped(try EventDocument.read(repositoryRoot.appendingPathComponent("examples/policy.yaml").path),
                                                     field: "publishedAt")
        var policy = try #require(try EventValidation.check(document, type: PolicyPublished.eventType).get().first as? PolicyPublished)
        policy.version += 1
        edit(&policy)
        return policy
    }

    @Test func theSamePolicyChangesNothing() throws {
        let lines = try PolicySimulation.report(try recorded(), candidate: try candidate { _ in })
        #expect(lines.count == 2)
        #expect(lines[1].hasSuffix(": 0 of 5 projects would change"))
    }

    @Test func aHigherThresholdRejectsWhatWasApprovedAndSaysWhy() throws {
        let lines = try PolicySimulation.report(try recorded(), candidate: try candidate { $0.intake.approvalThreshold = 97 })
        #expect(lines[0].hasPrefix("replayed "))
        #expect(lines[1].hasPrefix("intake under policy v2 instead of v1: "))
        // Every project that got past the assessment before is rejected on its score now.
        let changed = lines.filter { $0.hasPrefix("PRJ-") }
        #expect(!changed.isEmpty)
        #expect(changed.allSatisfy { $0.contains("→ rejected on its score (score") })
        #expect(lines.contains { $0.contains("threshold 60 → 97") })
        #expect(lines.contains { $0.hasPrefix("    total score ") && $0.contains("is below the approval threshold of 97") })
    }

    @Test func aLowerMajorBudgetReclassifiesAndAddsReviews() throws {
        // 400,000 EUR proposals become major, which adds the security and executive-board reviews.
        let lines = try PolicySimulation.report(try recorded(), candidate: try candidate {
            $0.classification.major.minBudget = Money(400_000, "EUR")
            $0.classification.complex.minBudget = Money(300_000, "EUR")
        })
        #expect(lines.contains { $0.contains(", major, reviews ") })
    }

    @Test func withoutARecordedPolicyThereIsNothingToCompare() throws {
        let events = try recorded().filter { !($0.event is PolicyPublished) }
        #expect(throws: PmoctlError.self) { try PolicySimulation.report(events, candidate: try candidate { _ in }) }
    }
}
