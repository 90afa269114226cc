import Foundation
import Kafka
import PMOModel
import Testing

extension EndToEnd {
    /// Change control as built, with monitoring and pmoctl, against the broker, from a chartered
    /// and baselined project (BAC 400,000 EUR: WP-1 → WP-2 → WP-3, finishing 2027-06-30) under the
    /// example policy (PM tolerance 10 days, 25,000 EUR or 5 %, no scope change; CCB quorum 3 of
    /// five members, simple majority):
    /// - CR-1 adds 40,000 EUR to WP-2: the CCB approves it (a non-member's vote is refused) and
    ///   the baseline becomes revision 2 (BAC 440,000), which monitoring then measures a status
    ///   report against;
    /// - CR-2 moves WP-3's finish 7 days: the PM approves it (revision 3);
    /// - CR-3 adds 30,000 EUR to WP-3: the CCB rejects it;
    /// - CR-4 adds a work package (scope): the CCB sends it back; revision 2 moves WP-3 by 2
    ///   days instead, 9 days since the CCB's revision 2 counting CR-2, and the PM approves it
    ///   (revision 4);
    /// - a request that is not JSON goes to change control's dead letters and blocks nothing.
    @Suite("Change control end to end", .serialized)
    struct ChangeEndToEndTests {
        static let outputTopics = ["pmo.change.assessments", "pmo.change.decisions", "pmo.projects.rebaselined", "pmo.change.dlq"]

        @Test(TestBroker.enabled, .timeLimit(.minutes(5)))
        func changesAreAssessedDecidedAndRebaselinedAndMonitoringMeasuresTheNewBaseline() async throws {
            let started = ContinuousClock.now
            let year = String(Int.random(in: 3000...9999))
            let project = "PRJ-\(year)-501"
            let request = { (number: Int) in "CR-\(year)-00\(number)" }
            try await SpawnedProcess.prepareBroker()

            let unique = UUID().uuidString.prefix(8).lowercased()
            let change = try SpawnedProcess.service("pmo-change", group: "test.change.\(unique)", instance: "e2e-change-\(unique)",
                                                    ["--tick-interval-s", "1"])
            defer { change.stop() }
            let monitoring = try SpawnedProcess.service("pmo-monitoring", group: "test.monitoring.\(unique)",
                                                        instance: "e2e-monitoring-\(unique)", ["--tick-interval-s", "1"])
            defer { monitoring.stop() }
            try await change.waitUntilReady()
            try await monitoring.waitUntilReady()

            let producer = try KafkaProducer(configuration: try TestBroker.producerConfiguration(), logger: testLogger)
            try await producer.send(ProducerRecord(topic: "pmo.change.requests", key: project, value: Array("{\"change\":".utf8)))
            for (event, source) in [(Self.charter(project) as any PMOEvent, "/pmo/intake"), (Self.baseline(project), "/pmo/planning")] {
                let record = try EventRegistry.standard.encode(event, id: UUID().uuidString, source: source, time: Date())
                let topic = try #require(TopicCatalog.topic(carrying: type(of: event).eventType)).name
                try await producer.send(ProducerRecord(topic: topic, key: record.key, value: record.value,
                                                       headers: record.headers.map { KafkaHeader(name: $0.name, value: $0.value) }))
            }

            let files = FileManager.default.temporaryDirectory.appendingPathComponent("e2e-change-\(unique)")
            try FileManager.default.createDirectory(at: files, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: files) }
            func submit(_ number: Int, revision: Int = 1, against baseline: Int, days: Int, cost: Int,
                        scope: [String] = [], changes: [[String: Any]]) async throws {
                let object: [String: Any] = [
                    "projectId": project, "changeRequestId": request(number), "revision": revision, "baselineRevision": baseline,
                    "requester": "marc.lefevre", "category": scope.isEmpty ? (cost > 0 ? "cost" : "schedule") : "scope",
                    "title": "Change \(number)", "rationale": "Issue I-\(number) needs it.",
                    "impact": ["scheduleDays": days, "cost": ["amount": cost, "currency": "EUR"], "scopeItemsAdded": scope,
                               "qualityEffect": "none"],
                    "alternativesConsidered": ["Accept the issue: rejected, the customer would not."],
                    "proposedBaselineChanges": changes,
                ]
                let url = files.appendingPathComponent("\(number)-\(revision).json")
                try JSONSerialization.data(withJSONObject: object).write(to: url)
                try await SpawnedProcess.pmoctl(["change", "request", url.path])
            }
            func vote(_ number: Int, _ voter: String, _ verdict: String, revision: Int = 1) async throws {
                try await SpawnedProcess.pmoctl(["change", "vote", project, request(number), verdict, "--voter", voter,
                                                 "--revision", String(revision)])
            }
            func waitFor(_ what: String, _ done: @escaping (OutputReader) -> Bool) async throws -> OutputReader {
                let outputs = try await OutputReader.collect(prefix: project, topics: Self.outputTopics, within: .seconds(90), until: done)
                if !done(outputs) { print(change.output.suffix(4000)) }
                try #require(done(outputs), "waiting for \(what)")
                return outputs
            }
            func assessed(_ number: Int, _ revision: Int = 1) -> (OutputReader) -> Bool {
                { $0.changeAssessments.contains { $0.changeRequestId == request(number) && $0.changeRequestRevision == revision } }
            }

            // CR-1: beyond the PM's cost tolerance; a non-member's vote, then three approvals.
            try await submit(1, against: 1, days: 0, cost: 40_000, changes: [["workPackageId": "WP-2", "description": "Second supplier",
                                                                               "newPlannedValue": ["amount": 240_000, "currency": "EUR"]]])
            _ = try await waitFor("CR-1's assessment", assessed(1))
            for (voter, verdict) in [("sofia.rossi", "approve"), ("claire.martin", "approve"), ("julien.bernard", "approve"),
                                     ("omar.haddad", "approve")] {
                try await vote(1, voter, verdict)
            }
            _ = try await waitFor("revision 2") { $0.rebaselines.contains { $0.baselineRevision == 2 } }

            // Monitoring measures a report naming revision 2 against it.
            let today = CalendarDate(utcDayOf: Date())
            let report = StatusReported(
                projectId: project, reportedAt: Date(), reportedBy: "marc.lefevre", baselineRevision: 2,
                periodStart: today.adding(days: -13)!, periodEnd: today, earnedValue: Money(80_000, "EUR"),
                actualCost: Money(80_000, "EUR"), forecastFinish: CalendarDate(year: 2027, month: 6, day: 30)!,
                quality: QualityStatus(defectsOpen: 0, defectsClosed: 0, failedAcceptanceTests: 0), risks: [], final: false)
            let record = try EventRegistry.standard.encode(report, id: UUID().uuidString, source: "/e2e/pm", time: Date())
            try await producer.send(ProducerRecord(topic: "pmo.status.reports", key: record.key, value: record.value,
                                                   headers: record.headers.map { KafkaHeader(name: $0.name, value: $0.value) }))
            await producer.close()

            // CR-2: 7 days, within the PM's tolerance; the PM approves (revision 3).
            try await submit(2, against: 2, days: 7, cost: 0, changes: [["workPackageId": "WP-3", "description": "Later acceptance",
                                                                          "newPlannedFinish": "2027-07-07"]])
            _ = try await waitFor("CR-2's assessment", assessed(2))
            try await vote(2, "marc.lefevre", "approve")
            _ = try await waitFor("revision 3") { $0.rebaselines.contains { $0.baselineRevision == 3 } }

            // CR-3: 30,000 EUR more; the CCB rejects it.
            try await submit(3, against: 3, days: 0, cost: 30_000, changes: [["workPackageId": "WP-3", "description": "More testing",
                                                                               "newPlannedValue": ["amount": 130_000, "currency": "EUR"]]])
            _ = try await waitFor("CR-3's assessment", assessed(3))
            for voter in ["claire.martin", "julien.bernard", "omar.haddad"] { try await vote(3, voter, "reject") }

            // CR-4: a new work package (scope) goes to the CCB, which sends it back; revision 2 is
            // 2 more days on WP-3, which the PM approves (revision 4).
            try await submit(4, against: 3, days: 0, cost: 20_000, scope: ["Mobile app support"],
                             changes: [["workPackageId": "WP-4", "description": "Mobile app support", "newPlannedStart": "2027-04-01",
                                        "newPlannedFinish": "2027-05-31", "newPlannedValue": ["amount": 20_000, "currency": "EUR"]]])
            _ = try await waitFor("CR-4's assessment", assessed(4))
            for voter in ["claire.martin", "julien.bernard", "omar.haddad"] { try await vote(4, voter, "revise") }
            _ = try await waitFor("CR-4's return") { $0.changeDecisions.contains { $0.changeRequestId == request(4) && $0.outcome == .returnedForRevision } }
            try await submit(4, revision: 2, against: 3, days: 2, cost: 0, changes: [["workPackageId": "WP-3", "description": "Two days of mobile checks",
                                                                                       "newPlannedFinish": "2027-07-09"]])
            _ = try await waitFor("CR-4 r2's assessment", assessed(4, 2))
            try await vote(4, "marc.lefevre", "approve", revision: 2)

            let outputs = try await waitFor("revision 4 and the dead letter") {
                $0.rebaselines.contains { $0.baselineRevision == 4 } && !$0.deadLetters.isEmpty
            }
            print("change end to end: \(outputs.changeAssessments.count) assessments, \(outputs.changeDecisions.count) decisions, \(outputs.rebaselines.count) re-baselines after \(ContinuousClock.now - started)")

            #expect(outputs.changeAssessments.map { "\($0.changeRequestId) r\($0.changeRequestRevision) \($0.route.rawValue) b\($0.baselineRevision)" } == [
                "\(request(1)) r1 change-control-board b1", "\(request(2)) r1 project-manager b2", "\(request(3)) r1 change-control-board b3",
                "\(request(4)) r1 change-control-board b3", "\(request(4)) r2 project-manager b3",
            ])
            let first = try #require(outputs.changeAssessments.first)
            #expect(first.reasons == ["the BAC grows by 40000 EUR, beyond the PM's tolerance of 25000 EUR",
                                      "the BAC grows by about 10 % of the 400000 EUR of baseline revision 1, beyond the PM's tolerance of 5 %"])
            #expect(first.impactSummary.newBudgetAtCompletion == Money(440_000, "EUR"))
            #expect(first.impactSummary.currentCriticalPath == ["WP-1", "WP-2", "WP-3"])
            #expect(first.deciders == ["claire.martin", "ines.garcia", "sarah.cohen", "julien.bernard", "omar.haddad"])
            let last = try #require(outputs.changeAssessments.last)
            #expect(last.priorApprovals.map(\.changeRequestId) == [request(2)])
            #expect(last.reasons == ["within the PM's tolerance of 10 days and 25000 EUR or 5 %: since baseline revision 2 the finish moves 9 days and the BAC changes by 0 EUR, counting \(request(2)) approved by the PM"])

            #expect(outputs.changeDecisions.map { "\($0.changeRequestId) r\($0.changeRequestRevision) \($0.outcome.rawValue) \($0.decidedBy.rawValue)" } == [
                "\(request(1)) r1 refused system", "\(request(1)) r1 approved change-control-board",
                "\(request(2)) r1 approved project-manager", "\(request(3)) r1 rejected change-control-board",
                "\(request(4)) r1 returned-for-revision change-control-board", "\(request(4)) r2 approved project-manager",
            ])
            #expect(outputs.changeDecisions.first?.refusal?.submittedBy == "sofia.rossi")
            #expect(outputs.changeDecisions[1].votes.map(\.voter) == ["claire.martin", "julien.bernard", "omar.haddad"])
            #expect(outputs.changeDecisions[1].quorumMet == true)
            #expect(outputs.rebaselines.map { "\($0.baselineRevision) \($0.changeRequestId) \($0.baseline.budgetAtCompletion.amount) \($0.baseline.workPackages.map(\.plannedFinish).max()!)" } == [
                "2 \(request(1)) 440000 2027-06-30", "3 \(request(2)) 440000 2027-07-07", "4 \(request(4)) 440000 2027-07-09",
            ])
            #expect(outputs.sources == ["/pmo/change"])
            let letter = try #require(outputs.deadLetters.only)
            #expect(letter.string(DeadLetter.Header.originalTopic) == "pmo.change.requests")
            #expect(letter.string(DeadLetter.Header.service) == "change")

            // Monitoring measured the report against revision 2 and shows its BAC.
            let monitored = try await OutputReader.collect(prefix: project, topics: ["pmo.monitoring.health", "pmo.portfolio.register"],
                                                           within: .seconds(60)) { reader in
                reader.healths.contains { $0.baselineRevision == 2 } && reader.registerEntries.contains { $0.baselineRevision == 4 }
            }
            let health = try #require(monitored.healths.last)
            #expect(health.baselineRevision == 2 && health.measurement == .measured)
            #expect(health.figures?.budgetAtCompletion == Money(440_000, "EUR"))
            #expect(monitored.registerEntries.last?.baselineRevision == 4)
        }

        static func charter(_ projectId: String) -> ProjectChartered {
            ProjectChartered(
                projectId: projectId, title: "Changed project", proposalRevision: 1, charteredAt: Date(), policyVersion: 1,
                objectives: ["Deliver"], strategicObjectives: ["SO-1"], scope: ProjectScope(inScope: ["Everything planned"], outOfScope: []),
                deliverables: [Deliverable(deliverableId: "D-1", name: "Result")], budgetCeiling: Money(500_000, "EUR"),
                targetStart: CalendarDate(year: 2026, month: 9, day: 1)!, targetFinish: CalendarDate(year: 2027, month: 12, day: 31)!,
                sponsor: "helene.dubois", projectManager: "marc.lefevre", priority: .high, classification: .standard,
                departmentsInvolved: ["marketing"])
        }

        static func baseline(_ projectId: String) -> ProjectBaselined {
            func day(_ text: String) -> CalendarDate { CalendarDate(text)! }
            func eur(_ amount: Decimal) -> Money { Money(amount, "EUR") }
            return ProjectBaselined(
                projectId: projectId, baselineRevision: 1, planRevision: 1, baselinedAt: Date(), policyVersion: 1,
                projectManager: "marc.lefevre",
                baseline: PlanBaseline(
                    milestones: [Milestone(milestoneId: "MS-1", name: "Done", plannedDate: day("2027-06-30"))],
                    workPackages: [
                        WorkPackage(workPackageId: "WP-1", name: "Design", plannedStart: day("2026-09-01"), plannedFinish: day("2026-12-31"),
                                    plannedValue: eur(100_000)),
                        WorkPackage(workPackageId: "WP-2", name: "Build", plannedStart: day("2027-01-01"), plannedFinish: day("2027-03-31"),
                                    plannedValue: eur(200_000), predecessors: [PredecessorLink(workPackageId: "WP-1")]),
                        WorkPackage(workPackageId: "WP-3", name: "Roll-out", plannedStart: day("2027-04-01"), plannedFinish: day("2027-06-30"),
                                    plannedValue: eur(100_000), predecessors: [PredecessorLink(workPackageId: "WP-2")]),
                    ],
                    plannedValueCurve: [
                        PlannedValuePoint(date: day("2026-12-31"), cumulativePlannedValue: eur(100_000)),
                        PlannedValuePoint(date: day("2027-03-31"), cumulativePlannedValue: eur(300_000)),
                        PlannedValuePoint(date: day("2027-06-30"), cumulativePlannedValue: eur(400_000)),
                    ],
                    budgetAtCompletion: eur(400_000)),
                statusReportCadenceDays: 30)
        }
    }
}
