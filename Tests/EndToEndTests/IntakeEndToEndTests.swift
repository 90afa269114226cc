import Foundation
import Kafka
import PMOModel
import Testing

extension EndToEnd {
    /// The intake service and pmoctl as built, against the broker: the example policy and roster and
    /// the demo set (examples/demo/) under fresh project ids: PRJ-…-101 approved by all reviewers
    /// and chartered (plus a review by someone not on the roster), 102 rejected by finance, 103
    /// returned for revision by legal and approved after resubmission, 104 incomplete, 105 below
    /// the score threshold; and one record that is not an event, which must reach the dead letters.
    @Suite("Intake end to end", .serialized)
    struct IntakeEndToEndTests {
        static let outputTopics = ["pmo.intake.assessments", "pmo.intake.decisions", "pmo.projects.chartered", "pmo.intake.dlq"]

        @Test(TestBroker.enabled, .timeLimit(.minutes(4)))
        func proposalsAndReviewsBecomeDecisionsAndCharters() async throws {
            let started = ContinuousClock.now
            let year = String(Int.random(in: 3000...9999))
            let project = { (number: Int) in "PRJ-\(year)-\(number)" }
            let demo = try DemoSet(year: year)
            defer { demo.remove() }

            try await SpawnedProcess.prepareBroker()

            let unique = UUID().uuidString.prefix(8).lowercased()
            let service = try SpawnedProcess.service("pmo-intake", group: "test.intake.\(unique)", instance: "e2e-\(unique)",
                                                     ["--tick-interval-s", "1"])
            defer { service.stop() }

            // A record that is not an event at all goes to the dead letters and blocks nothing.
            let poisonKey = project(999)
            let producer = try KafkaProducer(configuration: try TestBroker.producerConfiguration(), logger: testLogger)
            try await producer.send(ProducerRecord(topic: "pmo.intake.proposals", key: poisonKey, value: Array("not json".utf8)))
            await producer.close()

            // Everything at once: reviews and the resubmission may overtake the proposals (another
            // topic), which intake must hold rather than refuse.
            try await SpawnedProcess.pmoctl(["publish", ProposalSubmitted.eventType, demo.file("01-proposals.json")])
            try await SpawnedProcess.pmoctl(["publish", ReviewSubmitted.eventType, demo.file("02-reviews.json")])
            try await SpawnedProcess.pmoctl(["publish", ProposalSubmitted.eventType, demo.file("03-resubmission.json")])
            let published = try await SpawnedProcess.pmoctl(["publish", ReviewSubmitted.eventType, demo.file("04-reviews-revision-2.json")])
            #expect(published.contains("published \(ReviewSubmitted.eventType) \(project(103)) to pmo.intake.reviews"))

            let outputs = try await OutputReader.collect(prefix: "PRJ-\(year)-", decisions: 7, charters: 2, assessments: 6,
                                                         deadLetters: 1, topics: Self.outputTopics, within: .seconds(120))
            let elapsed = ContinuousClock.now - started
            print("intake end to end: 7 decisions, 2 charters, 6 assessments and 1 dead letter after \(elapsed)")
            if outputs.decisions.count < 7 { print(service.output) }

            #expect(outputs.sources == ["/pmo/intake"])
            let letter = try #require(outputs.deadLetters.first)
            #expect(outputs.deadLetters.count == 1)
            #expect(letter.string(DeadLetter.Header.originalTopic) == "pmo.intake.proposals")
            #expect(letter.string(DeadLetter.Header.service) == "intake")
            let decisions = outputs.decisions
            func decided(_ number: Int) -> [IntakeDecisionMade] { decisions.filter { $0.projectId == project(number) } }

            // 101: the outsider's review is refused, the four roster reviewers approve, it is chartered.
            #expect(decided(101).map(\.outcome) == [.refused, .approved])
            let outsider = try #require(decided(101).first?.refusal)
            #expect(outsider.submittedBy == "max.keller")
            #expect(outsider.refusedEventType == ReviewSubmitted.eventType)
            #expect(outsider.reason.contains("max.keller is not on roster v1"))
            let approval101 = try #require(decided(101).last)
            #expect(approval101.decidingReviews == [
                ReviewReference(reviewer: "julien.bernard", department: "business", verdict: .approve),
                ReviewReference(reviewer: "sofia.rossi", department: "technical", verdict: .approve),
                ReviewReference(reviewer: "omar.haddad", department: "finance", verdict: .approve),
                ReviewReference(reviewer: "lena.vogel", department: "legal", verdict: .approve),
            ])
            #expect(!approval101.projectManagerAppointmentRequired)

            // 102: finance rejects; the decision carries finance's review and findings.
            let rejection = try #require(decided(102).only)
            #expect(rejection.outcome == .rejected)
            #expect(rejection.decidingReviews == [ReviewReference(reviewer: "omar.haddad", department: "finance", verdict: .reject)])
            #expect(rejection.findings.map(\.section) == [.businessCase, .budget])

            // 103: legal asks for a revision; revision 2 is approved and chartered.
            #expect(decided(103).map(\.outcome) == [.returnedForRevision, .approved])
            #expect(decided(103).map(\.proposalRevision) == [1, 2])
            let returned = try #require(decided(103).first)
            #expect(returned.decidingReviews == [ReviewReference(reviewer: "lena.vogel", department: "legal", verdict: .revise)])
            #expect(returned.findings.map(\.section) == [.constraints, .scope])

            // 104: incomplete, returned before any scoring, with the missing sections.
            let incomplete = try #require(decided(104).only)
            #expect(incomplete.outcome == .returnedForRevision)
            #expect(incomplete.findings.map(\.section) == [.scope, .constraints, .budget, .schedule, .resourceNeeds, .risks])
            let screening = try #require(outputs.assessments.first { $0.projectId == project(104) })
            #expect(!screening.complete && screening.scores.isEmpty)

            // 105: complete but scored below the threshold.
            let lowScore = try #require(decided(105).only)
            #expect(lowScore.outcome == .rejected)
            let assessment105 = try #require(outputs.assessments.first { $0.projectId == project(105) })
            #expect(assessment105.recommendation == .reject)
            #expect((assessment105.totalScore ?? 100) < assessment105.approvalThreshold)

            // Every decision records the policy version it was made under.
            #expect(Set(decisions.map(\.policyVersion)) == [1])

            // Exactly two charters, with what the proposals and the policy say.
            #expect(outputs.charters.map(\.projectId).sorted() == [project(101), project(103)])
            let charter101 = try #require(outputs.charters.first { $0.projectId == project(101) })
            #expect(charter101.projectManager == "marc.lefevre")
            #expect(charter101.sponsor == "david.okafor")
            #expect(charter101.budgetCeiling == Money(420_000, "EUR"))
            #expect(charter101.targetStart == CalendarDate("2026-04-01") && charter101.targetFinish == CalendarDate("2026-12-18"))
            #expect(charter101.classification == .standard)
            #expect(charter101.deliverables.map(\.deliverableId) == ["D-1", "D-2"])
            #expect(charter101.policyVersion == 1)
            let score101 = try #require(outputs.assessments.first { $0.projectId == project(101) }?.totalScore)
            #expect(charter101.priority == (score101 >= 85 ? .critical : score101 >= 75 ? .high : score101 >= 65 ? .medium : .low))
            let charter103 = try #require(outputs.charters.first { $0.projectId == project(103) })
            #expect(charter103.proposalRevision == 2)
            #expect(charter103.projectManager == "paul.weber")
            #expect(charter103.scope.inScope.contains("NDAs with suppliers"))
        }
    }
}

extension Array {
    /// The single element, or nil when there are none or several.
    var only: Element? { count == 1 ? first : nil }
}

/// The demo set with its project ids moved to a fresh year, so runs never share projects.
struct DemoSet {
    let directory: URL

    init(year: String) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("pmo-demo-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let source = repositoryRoot.appendingPathComponent("examples/demo")
        for name in try FileManager.default.contentsOfDirectory(atPath: source.path) where name.hasSuffix(".json") {
            let text = try String(contentsOf: source.appendingPathComponent(name), encoding: .utf8)
            try text.replacingOccurrences(of: "PRJ-2026-", with: "PRJ-\(year)-")
                .write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
    }

    func file(_ name: String) -> String { directory.appendingPathComponent(name).path }

    func remove() { try? FileManager.default.removeItem(at: directory) }
}

