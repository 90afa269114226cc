import Foundation
import Testing
@testable import Planning
import PMOModel
import ServiceRuntime

@Suite("Planning processor for the runtime")
struct PlanningProcessorTests {
    let processor = PlanningProcessor()

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
            == ["pmo.planning.reviews", "pmo.planning.decisions", "pmo.planning.reminders", "pmo.projects.baselined"])
        #expect(Set(processor.inputTopics + processor.referenceTopics) == Set(TopicCatalog.inputs(of: .planning).map(\.name)))
        for type in [PlanReviewCompleted.eventType, PlanDecisionMade.eventType, ProjectBaselined.eventType,
                     ExpertReviewReminderIssued.eventType] {
            #expect(processor.topic(for: type).map { name in processor.outputTopics.contains { $0.name == name } } == true)
        }
    }

    @Test func chartersPlansAndExpertReviewsGoThroughTheDeskWithTheirOrigin() throws {
        var reference = processor.initialReference
        processor.apply(reference: try decoded(try samplePolicy(), id: "p"), to: &reference)
        processor.apply(reference: try decoded(deskRoster(), id: "r"), to: &reference)
        let context = ProcessingContext(key: "PRJ-2026-014", now: t0, reference: reference)
        let chartered = processor.handle(try decoded(sampleCharter(), id: "c"), state: nil, context: context)
        #expect(chartered.state?.charter == sampleCharter() && chartered.emissions.isEmpty)
        let reviewed = processor.handle(try decoded(riskyPlan(), id: "a"), state: chartered.state, context: context)
        #expect(reviewed.emissions.map(\.id) == ["planning/review/PRJ-2026-014/r1"])
        let refused = processor.handle(try decoded(verdict("max.keller", .approve), id: "b"), state: reviewed.state, context: context)
        let decision = try #require(refused.emissions.first?.event as? PlanDecisionMade)
        #expect(decision.refusal?.refusedEventId == "b")
        #expect(decision.refusal?.refusedEventType == ExpertReviewSubmitted.eventType)
        for emission in reviewed.emissions + refused.emissions {
            let event = emission.event
            #expect(throws: Never.self) { try processor.registry.encode(event, id: "x", source: processor.source, time: t0) }
        }
    }

    @Test func theStateSurvivesTheChangelogRoundTrip() throws {
        var desk = try DeskHarness()
        desk.send(sampleCharter())
        desk.send(riskyPlan())
        desk.send(verdict("sofia.rossi", .approve))
        desk.send(verdict("kai.tanaka", .approve, revision: 2))
        let state = try #require(desk.state)
        let restored = try PMOJSON.decode(PlanningCase.self, from: try PMOJSON.encode(state))
        #expect(restored == state)
        #expect(restored.held.count == 1)
        guard case .underExpertReview(let gate) = restored.phase else { Issue.record("not under expert review"); return }
        #expect(gate.verdicts.count == 1 && gate.plan == riskyPlan())
    }
}
