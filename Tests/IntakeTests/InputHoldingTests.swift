import Foundation
import Testing
@testable import Intake
import PMOModel
import ServiceRuntime

/// What intake keeps of inputs it cannot decide on yet is bounded: held and waiting inputs expire
/// after the hold period and at most `InputHolding.defaultLimit` are kept per project; whatever
/// is let go is refused with the reason, never dropped silently.
@Suite("Intake input holding")
struct InputHoldingTests {
    static let project = "PRJ-2026-201"

    @Test func aWaitingInputIsRefusedOnceTheHoldPeriodIsOverAndAPolicyIsKnown() throws {
        var harness = try ProcessorHarness(reference: IntakeReference())
        #expect(try harness.publish(proposal()).isEmpty)
        #expect(harness.states[Self.project]?.waiting.count == 1)
        harness.advance(minutes: 11)
        // Without a policy there is no policy version to refuse under: it keeps waiting.
        #expect(harness.tick().isEmpty)
        harness.reference = IntakeReference(policy: try examplePolicy())
        let ticked = harness.tick()
        let refusal = try #require(ticked.decisions.first?.refusal)
        #expect(ticked.decisions.map(\.outcome) == [.refused])
        #expect(refusal.refusedEventId == ProcessorHarness.inputID(proposal()))
        #expect(refusal.reason.contains("no policy and roster to decide with within the hold period (10 min)"))
        #expect(ticked.decisions.first?.policyVersion == 3)
        #expect(harness.states[Self.project]?.waiting.isEmpty == true)
        // Once the roster is there too, nothing is left to decide.
        harness.reference = IntakeReference(policy: try examplePolicy(), roster: try exampleRoster())
        #expect(harness.tick().isEmpty)
    }

    @Test func anExpiredWaitingInputIsRefusedEvenWhenTheReferenceDataArrivesBeforeTheNextTick() throws {
        var harness = try ProcessorHarness(reference: IntakeReference())
        try harness.publish(proposal())
        harness.advance(minutes: 8)
        try harness.publish(review("business", "julien.bernard", .approve))
        harness.advance(minutes: 3)
        harness.reference = IntakeReference(policy: try examplePolicy(), roster: try exampleRoster())
        // The next input replays what waited: the proposal (11 min) has expired, the review
        // (3 min) has not, and is held for want of a proposal.
        let events = try harness.publish(review("technical", "sofia.rossi", .approve))
        #expect(events.decisions.map(\.outcome) == [.refused])
        #expect(events.decisions.first?.refusal?.refusedEventId == ProcessorHarness.inputID(proposal()))
        #expect(!events.contains { $0.event is AssessmentCompleted })
        #expect(harness.states[Self.project]?.waiting.isEmpty == true)
        #expect(harness.states[Self.project]?.held.count == 2)
    }

    @Test func heldInputsBeyondTheLimitRefuseTheOldest() throws {
        var harness = try ProcessorHarness()
        let limit = InputHolding.defaultLimit
        for index in 1...limit {
            #expect(try harness.publish(review("finance", "omar.haddad", .approve), id: "flood-\(index)").isEmpty)
        }
        #expect(harness.states[Self.project]?.held.count == limit)
        let events = try harness.publish(review("finance", "omar.haddad", .approve), id: "flood-\(limit + 1)")
        let refusal = try #require(events.decisions.first?.refusal)
        #expect(events.decisions.map(\.outcome) == [.refused])
        #expect(refusal.refusedEventId == "flood-1")
        #expect(refusal.reason.hasPrefix("no proposal has been submitted for PRJ-2026-201"))
        #expect(refusal.reason.contains("more than \(limit) inputs"))
        #expect(events.ids == ["intake/refusal/PRJ-2026-201/flood-1@/tests"])
        #expect(harness.states[Self.project]?.held.count == limit)
        #expect(harness.states[Self.project]?.held.first?.input.origin.id == "flood-2")
    }

    @Test func waitingInputsBeyondTheLimitRefuseTheOldestOnceAPolicyIsKnown() throws {
        var harness = try ProcessorHarness(reference: IntakeReference())
        let limit = InputHolding.defaultLimit
        for index in 1...(limit + 1) {
            #expect(try harness.publish(review("finance", "omar.haddad", .approve), id: "early-\(index)").isEmpty)
        }
        // Nothing can be refused before any policy is published.
        #expect(harness.states[Self.project]?.waiting.count == limit + 1)
        harness.advance(minutes: 1)
        harness.reference = IntakeReference(policy: try examplePolicy())
        let ticked = harness.tick()
        #expect(ticked.decisions.map(\.refusal?.refusedEventId) == ["early-1"])
        #expect(ticked.decisions.first?.refusal?.reason.contains("more than \(limit) inputs") == true)
        #expect(harness.states[Self.project]?.waiting.count == limit)
        // With a policy, the limit holds as inputs arrive.
        let more = try harness.publish(review("finance", "omar.haddad", .approve), id: "early-\(limit + 2)")
        #expect(more.decisions.map(\.refusal?.refusedEventId) == ["early-2"])
        #expect(harness.states[Self.project]?.waiting.count == limit)
    }

    @Test func inputsKeptWaitingByAnEarlierVersionExpireToo() throws {
        // The state as an earlier version stored it: waiting inputs without their arrival time.
        let input = IntakeInput.proposal(proposal(), InputOrigin(id: "old-1", source: "/tests", type: ProposalSubmitted.eventType))
        var object = try #require(try JSONSerialization.jsonObject(with: PMOJSON.encode(IntakeCase(projectId: Self.project))) as? [String: Any])
        object["waiting"] = try JSONSerialization.jsonObject(with: PMOJSON.encode([input]))
        let restored = try PMOJSON.decode(IntakeCase.self, from: JSONSerialization.data(withJSONObject: object))
        #expect(restored.waiting.count == 1)

        var harness = try ProcessorHarness(reference: IntakeReference(policy: try examplePolicy()))
        harness.states[Self.project] = restored
        let ticked = harness.tick()
        #expect(ticked.decisions.map(\.refusal?.refusedEventId) == ["old-1"])
        #expect(harness.states[Self.project]?.waiting.isEmpty == true)
    }
}
