import Foundation
import Kafka
import PMOModel
import Testing

extension EndToEnd {
    /// Issue 13's lifecycle through the intake service and pmoctl, against the broker, with the
    /// example policy and roster and the demo's first proposal as the template:
    /// - …-601 is withdrawn by its sponsor;
    /// - …-602 is rejected by finance, appealed, and the PMO head grants the appeal; revision 2 is
    ///   then assessed;
    /// - …-603 nominates a PM who is none; after approval the PMO head appoints paul.weber and the
    ///   charter names him;
    /// - …-604 scores below the threshold but is flagged regulatory: it goes to review, legal's
    ///   included, with the score stated.
    @Suite("Intake lifecycle end to end", .serialized)
    struct IntakeLifecycleEndToEndTests {
        static let outputTopics = ["pmo.intake.assessments", "pmo.intake.decisions", "pmo.projects.chartered", "pmo.intake.dlq"]

        @Test(TestBroker.enabled, .timeLimit(.minutes(4)))
        func withdrawalAppealAppointmentAndAMandatoryProject() async throws {
            let started = ContinuousClock.now
            let year = String(Int.random(in: 3000...9999))
            let project = { (number: Int) in "PRJ-\(year)-\(number)" }
            try await SpawnedProcess.prepareBroker()
            let unique = UUID().uuidString.prefix(8).lowercased()
            let service = try SpawnedProcess.service("pmo-intake", group: "test.intake.\(unique)", instance: "e2e-\(unique)",
                                                     ["--tick-interval-s", "1"])
            defer { service.stop() }

            let files = FileManager.default.temporaryDirectory.appendingPathComponent("e2e-lifecycle-\(unique)")
            try FileManager.default.createDirectory(at: files, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: files) }
            let demo = try #require(try JSONSerialization.jsonObject(
                with: Data(contentsOf: repositoryRoot.appendingPathComponent("examples/demo/01-proposals.json"))) as? [[String: Any]])
            var counter = 0
            func publish(_ type: String, _ object: [String: Any]) async throws {
                counter += 1
                let url = files.appendingPathComponent("\(counter).json")
                try JSONSerialization.data(withJSONObject: object).write(to: url)
                try await SpawnedProcess.pmoctl(["publish", type, url.path])
            }
            func proposal(_ number: Int, revision: Int = 1, _ edit: (inout [String: Any]) -> Void = { _ in }) -> [String: Any] {
                var object = demo[0]
                object["projectId"] = project(number)
                object["revision"] = revision
                edit(&object)
                return object
            }
            let now = RFC3339.format(Date())
            let sponsor = try #require(demo[0]["sponsor"] as? String)
            func review(_ number: Int, _ department: String, _ reviewer: String, _ verdict: String) -> [String: Any] {
                var object: [String: Any] = ["projectId": project(number), "proposalRevision": 1, "reviewer": reviewer,
                                             "department": department, "verdict": verdict, "reviewedAt": now]
                if verdict != "approve" {
                    object["findings"] = [["section": "business-case", "severity": "major", "finding": "The cost is not justified."]]
                }
                return object
            }
            func waitFor(_ what: String, _ done: @escaping (OutputReader) -> Bool) async throws -> OutputReader {
                let outputs = try await OutputReader.collect(prefix: "PRJ-\(year)-", topics: Self.outputTopics, within: .seconds(60), until: done)
                if !done(outputs) { print(service.output.suffix(4000)) }
                try #require(done(outputs), "waiting for \(what)")
                return outputs
            }
            let reviewers = [("business", "julien.bernard"), ("technical", "sofia.rossi"), ("finance", "omar.haddad"), ("legal", "lena.vogel")]

            // 601, 602, 603 and 604 submitted together.
            try await publish(ProposalSubmitted.eventType, proposal(601))
            try await publish(ProposalSubmitted.eventType, proposal(602))
            try await publish(ProposalSubmitted.eventType, proposal(603) { $0["nominatedProjectManager"] = "ana.silva" })
            try await publish(ProposalSubmitted.eventType, proposal(604) {
                $0["strategicObjectives"] = [String]()
                var businessCase = $0["businessCase"] as? [String: Any] ?? [:]
                businessCase["expectedValue"] = businessCase["estimatedCost"]
                $0["businessCase"] = businessCase
                $0["mandate"] = ["kind": "regulatory", "basis": "EU Data Act, art. 4"]
            })
            _ = try await waitFor("four assessments") { $0.assessments.count >= 4 }

            try await publish(ProposalWithdrawn.eventType, ["projectId": project(601), "proposalRevision": 1, "withdrawnAt": now,
                                                            "withdrawnBy": sponsor, "reason": "Merged into another project."])
            try await publish(ReviewSubmitted.eventType, review(602, "finance", "omar.haddad", "reject"))
            for (department, reviewer) in reviewers { try await publish(ReviewSubmitted.eventType, review(603, department, reviewer, "approve")) }
            _ = try await waitFor("602's rejection and 603's approval") { reader in
                reader.decisions.contains { $0.projectId == project(602) && $0.outcome == .rejected }
                    && reader.decisions.contains { $0.projectId == project(603) && $0.outcome == .approved }
            }
            try await publish(AppealSubmitted.eventType, ["projectId": project(602), "proposalRevision": 1, "submittedAt": now,
                                                          "appellant": sponsor, "reason": "Finance read last year's figures."])
            try await publish(ProjectManagerAppointed.eventType, ["projectId": project(603), "proposalRevision": 1, "appointedAt": now,
                                                                  "appointedBy": "anna.kowalski", "projectManager": "paul.weber"])
            // The ruling travels on the reviews topic: publish it once the appeal has been read (a
            // ruling before its appeal is held, then counted).
            try await publish(AppealDecided.eventType, ["projectId": project(602), "proposalRevision": 1, "decidedAt": now,
                                                        "decidedBy": "anna.kowalski", "verdict": "grant",
                                                        "reasons": ["Finance used last year's figures."]])
            _ = try await waitFor("the appeal ruling") { $0.decisions.contains { $0.appealVerdict == .grant } }
            try await publish(ProposalSubmitted.eventType, proposal(602, revision: 2))

            let outputs = try await waitFor("everything") { reader in
                reader.assessments.contains { $0.projectId == project(602) && $0.proposalRevision == 2 }
                    && reader.charters.contains { $0.projectId == project(603) }
            }
            print("intake lifecycle end to end: \(outputs.decisions.count) decisions, \(outputs.charters.count) charters after \(ContinuousClock.now - started)")
            func decided(_ number: Int) -> [String] {
                outputs.decisions.filter { $0.projectId == project(number) }.map { "\($0.outcome.rawValue) r\($0.proposalRevision)" }
            }
            #expect(decided(601) == ["withdrawn r1"])
            #expect(outputs.decisions.first { $0.projectId == project(601) }?.reasons == ["withdrawn by the sponsor \(sponsor): Merged into another project."])
            #expect(decided(602) == ["rejected r1", "returned-for-revision r1"])
            #expect(outputs.decisions.last { $0.projectId == project(602) }?.appealVerdict == .grant)
            #expect(outputs.assessments.filter { $0.projectId == project(602) }.map(\.proposalRevision) == [1, 2])
            #expect(decided(603) == ["approved r1"])
            #expect(outputs.decisions.first { $0.projectId == project(603) }?.projectManagerAppointmentRequired == true)
            #expect(outputs.charters.filter { $0.projectId == project(603) }.map(\.projectManager) == ["paul.weber"])
            let mandated = try #require(outputs.assessments.first { $0.projectId == project(604) })
            #expect(mandated.recommendation == .proceed)
            #expect((mandated.totalScore ?? 100) < mandated.approvalThreshold)
            #expect(mandated.mandateOverride?.hasPrefix("the proposal is flagged regulatory (EU Data Act, art. 4)") == true)
            #expect(mandated.requiredReviewDepartments.contains("legal"))
            #expect(decided(604).isEmpty)
            #expect(outputs.deadLetters.isEmpty)
        }
    }
}
