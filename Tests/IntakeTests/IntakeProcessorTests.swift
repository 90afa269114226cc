import Foundation
import Testing
@testable import Intake
import PMOModel
import ServiceRuntime

@Suite("Intake processor for the runtime")
struct IntakeProcessorTests {
    let processor = IntakeProcessor()

    @Test("every event type the catalog puts on its input and reference topics is in its registry")
    func decodesEveryTypeItReads() {
        #expect(processor.undecodableCatalogTypes == [:])
    }

    func decoded(_ event: some PMOEvent, id: String) throws -> DecodedEvent {
        let record = try processor.registry.encode(event, id: id, source: "/tests", time: t0)
        return try processor.registry.decode(record: record)
    }

    @Test func topicsComeFromTheCatalog() {
        #expect(Set(processor.outputTopics.map(\.name))
            == ["pmo.intake.assessments", "pmo.intake.decisions", "pmo.intake.reminders", "pmo.projects.chartered"])
        for topic in processor.inputTopics + processor.referenceTopics {
            #expect(TopicCatalog.topic(named: topic) != nil)
        }
        for type in [AssessmentCompleted.eventType, IntakeDecisionMade.eventType, ProjectChartered.eventType, ReviewReminderIssued.eventType] {
            #expect(processor.topic(for: type).map { name in processor.outputTopics.contains { $0.name == name } } == true)
        }
    }

    @Test func handlesProposalsAndReviewsWithReferenceData() throws {
        var reference = processor.initialReference
        processor.apply(reference: try decoded(try examplePolicy(), id: "p"), to: &reference)
        processor.apply(reference: try decoded(try exampleRoster(), id: "r"), to: &reference)
        let context = ProcessingContext(key: "PRJ-2026-201", now: t0, reference: reference)
        let outcome = processor.handle(try decoded(proposal(), id: "a"), state: nil, context: context)
        #expect(outcome.state?.dossier?.phase == .underReview)
        #expect(outcome.emissions.count == 1)
        let refused = processor.handle(try decoded(review("finance", "max.keller", .approve), id: "b"),
                                       state: outcome.state, context: context)
        let decision = try #require(refused.emissions.first?.event as? IntakeDecisionMade)
        #expect(decision.refusal?.refusedEventId == "b")
        // Every emission encodes under the contracts, as the runtime will do.
        for emission in outcome.emissions + refused.emissions {
            let event = emission.event
            #expect(throws: Never.self) { try processor.registry.encode(event, id: "x", source: processor.source, time: t0) }
        }
    }

    @Test func theStateSurvivesTheChangelogRoundTrip() throws {
        var harness = try DeskHarness()
        harness.submit(proposal())
        harness.send(review("business", "julien.bernard", .approve))
        harness.submit(proposal(revision: 2))
        let state = try #require(harness.cases["PRJ-2026-201"])
        let restored = try PMOJSON.decode(IntakeCase.self, from: try PMOJSON.encode(state))
        #expect(restored == state)
        #expect(restored.held.count == 1)
    }
}
