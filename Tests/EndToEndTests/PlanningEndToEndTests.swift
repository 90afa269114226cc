import Foundation
import Kafka
import PMOModel
import Testing

extension EndToEnd {
    /// Intake and planning as built, with pmoctl, against the broker: intake charters the demo
    /// projects PRJ-…-101, 103 and 106 (examples/demo/01 to 06); planning takes the charters from
    /// `pmo.projects.chartered` and reviews the demo plans (07 to 09) under fresh project ids:
    /// - 101: two high risks, so two expert verdicts are needed; a non-expert's verdict and a second
    ///   verdict from the same expert are refused; two approvals baseline it.
    /// - 103: revision 1 is over the charter's budget ceiling (BAC 250,000 plus management reserve
    ///   30,000 against 260,000) and is returned; revision 2 is approved directly and baselined; a
    ///   plan after the baseline is refused.
    /// - 106: complex (three departments), so expert review by class; the first expert rejects it,
    ///   and a later verdict is refused.
    @Suite("Planning end to end", .serialized)
    struct PlanningEndToEndTests {
        static let outputTopics = ["pmo.projects.chartered", "pmo.planning.reviews", "pmo.planning.decisions",
                                   "pmo.projects.baselined", "pmo.planning.dlq"]

        @Test(TestBroker.enabled, .timeLimit(.minutes(5)))
        func chartersAndPlansBecomeReviewsDecisionsAndBaselines() async throws {
            let started = ContinuousClock.now
            let year = String(Int.random(in: 3000...9999))
            let project = { (number: Int) in "PRJ-\(year)-\(number)" }
            let demo = try DemoSet(year: year)
            defer { demo.remove() }

            try await SpawnedProcess.prepareBroker()

            let unique = UUID().uuidString.prefix(8).lowercased()
            let intake = try SpawnedProcess.service("pmo-intake", group: "test.intake.\(unique)", instance: "e2e-intake-\(unique)",
                                                    ["--tick-interval-s", "1"])
            defer { intake.stop() }
            let planning = try SpawnedProcess.service("pmo-planning", group: "test.planning.\(unique)",
                                                      instance: "e2e-planning-\(unique)", ["--tick-interval-s", "1"])
            defer { planning.stop() }

            // A plan that is not JSON goes to planning's dead letters and blocks nothing.
            let producer = try KafkaProducer(configuration: try TestBroker.producerConfiguration(), logger: testLogger)
            try await producer.send(ProducerRecord(topic: "pmo.planning.plans", key: project(999), value: Array("{\"plan\":".utf8)))
            await producer.close()

            for (type, file) in [(ProposalSubmitted.eventType, "01-proposals.json"), (ReviewSubmitted.eventType, "02-reviews.json"),
                                 (ProposalSubmitted.eventType, "03-resubmission.json"), (ReviewSubmitted.eventType, "04-reviews-revision-2.json"),
                                 (ProposalSubmitted.eventType, "05-proposal-complex.json"), (ReviewSubmitted.eventType, "06-reviews-complex.json")] {
                try await SpawnedProcess.pmoctl(["publish", type, demo.file(file)])
            }
            // Plans may overtake their charters (another topic, another service): planning holds them.
            try await SpawnedProcess.pmoctl(["publish", PlanSubmitted.eventType, demo.file("07-plans.json")])
            try await SpawnedProcess.pmoctl(["publish", ExpertReviewSubmitted.eventType, demo.file("09-expert-reviews.json")])
            // Revision 2 of 103 only after revision 1 was decided, and a third plan after the baseline.
            _ = try await OutputReader.collect(prefix: project(103), topics: ["pmo.planning.decisions"], within: .seconds(120)) {
                !$0.planDecisions.isEmpty
            }
            try await SpawnedProcess.pmoctl(["publish", PlanSubmitted.eventType, demo.file("08-plan-revision-2.json")])
            _ = try await OutputReader.collect(prefix: project(103), topics: ["pmo.projects.baselined"], within: .seconds(120)) {
                !$0.baselines.isEmpty
            }
            try await SpawnedProcess.pmoctl(["publish", PlanSubmitted.eventType, demo.file("10-plan-after-baseline.json")])

            let outputs = try await OutputReader.collect(prefix: "PRJ-\(year)-", topics: Self.outputTopics, within: .seconds(150)) {
                $0.charters.count >= 3 && $0.planDecisions.count >= 8 && $0.baselines.count >= 2 && $0.deadLetters.count >= 1
            }
            print("planning end to end: \(outputs.planReviews.count) reviews, \(outputs.planDecisions.count) decisions, \(outputs.baselines.count) baselines after \(ContinuousClock.now - started)")
            if outputs.planDecisions.count < 8 { print(intake.output, planning.output) }

            #expect(outputs.charters.map(\.projectId).sorted() == [project(101), project(103), project(106)])
            #expect(outputs.sources == ["/pmo/intake", "/pmo/planning"])
            let letter = try #require(outputs.deadLetters.only)
            #expect(letter.string(DeadLetter.Header.originalTopic) == "pmo.planning.plans")
            #expect(letter.string(DeadLetter.Header.service) == "planning")
            func decided(_ number: Int) -> [PlanDecisionMade] { outputs.planDecisions.filter { $0.projectId == project(number) } }
            func reviewed(_ number: Int) -> [PlanReviewCompleted] { outputs.planReviews.filter { $0.projectId == project(number) } }

            // 101: expert review for two high risks; the outsider and the repeated verdict are refused.
            let review101 = try #require(reviewed(101).only)
            #expect(review101.expertReviewRequired)
            #expect(review101.findings.filter { $0.severity == .major || $0.severity == .critical }.isEmpty)
            #expect(review101.subPlans.count == 8 && review101.subPlans.allSatisfy { $0.present && $0.compliant })
            #expect(review101.schedule?.criticalPath == ["WP-1", "WP-2"])
            #expect(review101.schedule?.meetsTargetFinish == true)
            #expect(decided(101).map(\.outcome) == [.refused, .refused, .approved])
            #expect(decided(101).compactMap(\.refusal?.submittedBy) == ["julien.bernard", "sofia.rossi"])
            let approval101 = try #require(decided(101).last)
            #expect(approval101.expertReviews == [ExpertReviewReference(expert: "sofia.rossi", verdict: .approve),
                                                  ExpertReviewReference(expert: "kai.tanaka", verdict: .approve)])
            #expect(approval101.findings.map(\.finding).contains("Add a fallback if the billing API freeze slips"))

            // 103: returned for the budget ceiling, approved at revision 2, then a plan is refused.
            #expect(reviewed(103).map(\.planRevision) == [1, 2])
            let returned = try #require(decided(103).first)
            #expect(returned.outcome == .returnedForRevision)
            #expect(returned.findings.contains { $0.check == .budgetCeiling && $0.severity == .critical })
            #expect(reviewed(103).first?.charterCompliance.withinBudgetCeiling == false)
            #expect(decided(103).map(\.outcome) == [.returnedForRevision, .approved, .refused])
            #expect(decided(103).map(\.planRevision) == [1, 2, 3])
            #expect(decided(103).last?.refusal?.reason.contains("baselined from plan revision 2") == true)

            // 106: expert review by class; kai.tanaka rejects, ana.silva's later verdict is refused.
            #expect(reviewed(106).only?.expertReviewRequired == true)
            #expect(decided(106).map(\.outcome) == [.rejected, .refused])
            #expect(decided(106).first?.expertReviews == [ExpertReviewReference(expert: "kai.tanaka", verdict: .reject)])
            #expect(decided(106).last?.refusal?.submittedBy == "ana.silva")

            // Two baselines, revision 1, with the charter's PM and the approved plan's baseline.
            #expect(outputs.baselines.map(\.projectId).sorted() == [project(101), project(103)])
            let baseline103 = try #require(outputs.baselines.first { $0.projectId == project(103) })
            #expect(baseline103.baselineRevision == 1 && baseline103.planRevision == 2)
            #expect(baseline103.projectManager == "paul.weber")
            #expect(baseline103.baseline.budgetAtCompletion == Money(250_000, "EUR"))
            #expect(Set(outputs.planDecisions.map(\.policyVersion)) == [1])
        }
    }
}

