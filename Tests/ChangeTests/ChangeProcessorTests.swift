import Foundation
import Testing
@testable import Change
import PMOModel
import ServiceRuntime

@Suite("Change control processor for the runtime")
struct ChangeProcessorTests {
    let processor = ChangeProcessor()

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
            == ["pmo.change.assessments", "pmo.change.decisions", "pmo.change.reminders", "pmo.projects.rebaselined"])
        #expect(Set(processor.inputTopics + processor.referenceTopics) == Set(TopicCatalog.inputs(of: .change).map(\.name)))
        for type in [ChangeAssessmentCompleted.eventType, ChangeDecisionMade.eventType, ProjectRebaselined.eventType,
                     ChangeVoteReminderIssued.eventType] {
            #expect(processor.topic(for: type).map { name in processor.outputTopics.contains { $0.name == name } } == true)
        }
    }

    @Test func inputsGoThroughTheDeskWithTheirOrigin() throws {
        var reference = processor.initialReference
        processor.apply(reference: try decoded(try samplePolicy(), id: "p"), to: &reference)
        processor.apply(reference: try decoded(try sampleRoster(), id: "r"), to: &reference)
        let context = ProcessingContext(key: project, now: t0, reference: reference)
        let chartered = processor.handle(try decoded(try charter(), id: "c"), state: nil, context: context)
        let baselined = processor.handle(try decoded(planningBaseline(), id: "b"), state: chartered.state, context: context)
        #expect(baselined.state?.baseline?.revision == 1 && baselined.emissions.isEmpty)
        let assessed = processor.handle(try decoded(changeRequest(cost: 30_000, changes: [change("WP-3", value: 290_000)]), id: "q"),
                                        state: baselined.state, context: context)
        #expect(assessed.emissions.map(\.id) == ["change/assessment/PRJ-2026-014/CR-2026-031/r1"])
        let refused = processor.handle(try decoded(vote("sofia.rossi", .approve), id: "v"), state: assessed.state, context: context)
        let decision = try #require(refused.emissions.first?.event as? ChangeDecisionMade)
        #expect(decision.refusal?.refusedEventId == "v")
        #expect(decision.refusal?.refusedEventType == VoteCast.eventType)
        for emission in assessed.emissions + refused.emissions {
            let event = emission.event
            #expect(throws: Never.self) { try processor.registry.encode(event, id: "x", source: processor.source, time: t0) }
        }
    }

    @Test func theStateSurvivesTheChangelogRoundTrip() throws {
        var desk = try ChangeHarness()
        desk.send(changeRequest("CR-2026-030", days: 4, changes: [change("WP-3", finish: "2026-12-24")]))
        desk.send(vote("marc.lefevre", .approve, on: "CR-2026-030"))
        desk.send(changeRequest(baselineRevision: 2, cost: 30_000, changes: [change("WP-3", value: 290_000)]))
        desk.send(vote("claire.martin", .approve))
        desk.send(vote("omar.haddad", .approve, on: "CR-2026-099"))
        let state = try #require(desk.state)
        let restored = try PMOJSON.decode(ChangeCase.self, from: try PMOJSON.encode(state))
        #expect(restored == state)
        #expect(restored.held.count == 1)
        #expect(restored.priorApprovals.count == 1)
        guard case .awaitingBoard(let board) = restored.requests["CR-2026-031"]?.phase else { Issue.record("not with the CCB"); return }
        #expect(board.votes.map(\.voter) == ["claire.martin"])
    }
}

/// The change contracts' rules that JSON Schema cannot state.
@Suite struct ChangeContractRuleTests {
    @Test func aReminderComesAfterTheVoteOpened() {
        let reminder = ChangeVoteReminderIssued(
            projectId: project, changeRequestId: "CR-2026-031", changeRequestRevision: 1, route: .changeControlBoard,
            remindedAt: t0, pendingSince: t0, reminderPeriodDays: 3, reminder: 1, policyVersion: 3, votesReceived: 0,
            pendingVoters: ["claire.martin"])
        #expect(reminder.validate().map(\.pointer.description) == ["/remindedAt"])
    }

    @Test func onlyRefusalsMustComeFromTheSystemAndADeadlineActionNeedsItsDeadline() {
        var decision = ChangeDecisionMade(
            projectId: project, changeRequestId: "CR-2026-031", changeRequestRevision: 1, decidedAt: t0, policyVersion: 3,
            decidedBy: .system, outcome: .rejected, reasons: ["expired"], deadlineAction: .expire)
        #expect(decision.validate().map(\.pointer.description) == ["/finalDeadline"])
        decision.finalDeadline = t0
        #expect(decision.validate().isEmpty)
        decision.outcome = .refused
        decision.decidedBy = .projectManager
        decision.refusal = Refusal(refusedEventType: "t", refusedEventId: "i", refusedEventSource: "/s", reason: "r")
        #expect(decision.validate().map(\.pointer.description) == ["/decidedBy"])
    }
}
