import Foundation
import Kafka
import Testing
@testable import PMOControl
import PMOModel

let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

func document(_ json: String) throws -> EventDocument {
    try EventDocument.parse(Data(json.utf8), origin: "test")
}

@Suite("pmoctl: documents, validation, output")
struct PmoctlTests {
    @Test func yamlReferenceFilesBecomeValidEvents() throws {
        for (file, type) in [("examples/policy.yaml", PolicyPublished.eventType), ("examples/roster.yaml", RosterPublished.eventType)] {
            let read = try EventDocument.read(repositoryRoot.appendingPathComponent(file).path)
            let stamped = try ReferenceDocument.stamped(read, field: "publishedAt")
            let events = try EventValidation.check(stamped, type: type).get()
            #expect(events.count == 1)
        }
        let policy = try EventDocument.read(repositoryRoot.appendingPathComponent("examples/policy.yaml").path)
        // Dates stay strings (YAML's timestamp resolution is off), as the contracts expect.
        let object = try #require(try JSONSerialization.jsonObject(with: policy.events[0]) as? [String: Any])
        #expect(object["effectiveFrom"] as? String == "2026-01-01")
    }

    @Test func publishedAtIsStampedOnlyWhenMissing() throws {
        let now = Date(timeIntervalSince1970: 1_780_000_000)
        let stamped = try ReferenceDocument.stamped(try document(#"[{"a": 1}, {"publishedAt": "2026-01-01T00:00:00Z"}]"#),
                                                    field: "publishedAt", now: now)
        let values = try stamped.events.map { try #require(try JSONSerialization.jsonObject(with: $0) as? [String: Any])["publishedAt"] as? String }
        #expect(values == [RFC3339.format(now), "2026-01-01T00:00:00Z"])
    }

    @Test func documentsHoldObjectsOnly() throws {
        #expect(try document(#"[{"a":1},{"b":2}]"#).events.count == 2)
        #expect(try document("a: 1\nb: [x, y]\n").events.count == 1)
        #expect(throws: PmoctlError.self) { try document("[1, 2]") }
        #expect(throws: PmoctlError.self) { try document("[]") }
    }

    @Test func eventTypesResolveByFullNameOrUniquePart() throws {
        #expect(try EventValidation.resolveType("pmo.intake.review.submitted.v1") == ReviewSubmitted.eventType)
        #expect(try EventValidation.resolveType("proposal.submitted") == ProposalSubmitted.eventType)
        #expect(try EventValidation.resolveType("review.submitted") == ReviewSubmitted.eventType)
        #expect(throws: PmoctlError.self) { try EventValidation.resolveType("submitted") }
        #expect(throws: PmoctlError.self) { try EventValidation.resolveType("pmo.nothing.v9") }
    }

    @Test func everyViolationIsReportedWithItsPointer() throws {
        let bad = try document(#"""
            [{"projectId": "PRJ-2026-101", "proposalRevision": 1, "reviewer": "omar.haddad", "department": "finance",
              "verdict": "approve", "reviewedAt": "2026-03-05T10:00:00Z"},
             {"projectId": "PRJ-26", "proposalRevision": 0, "reviewer": "Omar", "department": "finance",
              "verdict": "maybe", "colour": "red"}]
            """#)
        let report = try #require(EventValidation.check(bad, type: ReviewSubmitted.eventType).failure)
        #expect(Set(report.violations.map(\.pointer)) == ["/1/projectId", "/1/proposalRevision", "/1/reviewer", "/1/verdict",
                                                           "/1/colour", "/1/reviewedAt"])
        #expect(report.description.contains("/1/reviewedAt: is required but missing"))
        #expect(report.description.contains("nothing was published"))
    }

    @Test func domainRulesAreChecked() throws {
        let rejectWithoutFindings = try document(#"""
            {"projectId": "PRJ-2026-101", "proposalRevision": 1, "reviewer": "omar.haddad", "department": "finance",
             "verdict": "reject", "reviewedAt": "2026-03-05T10:00:00Z"}
            """#)
        let report = try #require(EventValidation.check(rejectWithoutFindings, type: ReviewSubmitted.eventType).failure)
        #expect(report.violations.map(\.pointer) == ["/findings"])
    }

    @Test func aBadCalendarDateIsReportedWithTheOtherViolations() throws {
        let proposal = try document(#"""
            {"projectId": "PRJ-2026-101", "revision": 1, "submittedAt": "2026-03-02T09:00:00Z", "title": "CRM",
             "sponsor": "Helene", "department": "sales", "nominatedProjectManager": "marc.lefevre",
             "targetStart": "2026-02-30", "targetFinish": "2026-12-31",
             "initialRisks": [{"riskId": "R-1", "description": "Late", "probability": 2, "impact": 3, "owner": "lena.vogel",
                               "status": "open", "crossDepartment": false, "severity": "high"}],
             "budgetEstimate": {"amount": 1000, "currency": "EUR", "cents": 0}}
            """#)
        let report = try #require(EventValidation.check(proposal, type: ProposalSubmitted.eventType).failure)
        #expect(Set(report.violations.map(\.pointer)) == ["/targetStart", "/sponsor", "/initialRisks/0/severity",
                                                           "/initialRisks/0/probability", "/budgetEstimate/cents"])
        #expect(report.description.contains("/budgetEstimate/cents: is not a field of this object"))
    }

    @Test func tailLinesShowTimeKeyTypeAndGist() throws {
        let decision = IntakeDecisionMade(
            projectId: "PRJ-2026-101", proposalRevision: 2, decidedAt: Date(timeIntervalSince1970: 1_780_000_000),
            policyVersion: 3, outcome: .rejected, reasons: ["finance (omar.haddad) rejected: no budget"],
            projectManagerAppointmentRequired: false)
        let time = Date(timeIntervalSince1970: 1_780_000_001)
        let record = try EventRegistry.standard.encode(decision, id: "e1", source: "/pmo/intake", time: time)
        let line = TailLine.render(topic: "pmo.intake.decisions", headers: record.headers, key: record.key,
                                   value: record.value, timestampMilliseconds: nil)
        #expect(line.hasPrefix("\(RFC3339.format(time))  PRJ-2026-101  pmo.intake.decision.made.v1  r2 REJECTED"))
        #expect(line.contains("no budget") && line.contains("policy v3"))
        let broken = TailLine.render(topic: "pmo.intake.decisions", headers: [], key: "PRJ-2026-101",
                                     value: Array("not json".utf8), timestampMilliseconds: 0)
        #expect(broken.contains("not a valid PMO event on pmo.intake.decisions"))
    }

    @Test func unreachableBrokersAreExplainedInPlainWords() {
        let error = KafkaError(code: -185, name: "_TIMED_OUT", message: "reading cluster metadata: Local: Timed out")
        let message = PmoctlError.kafka(error, servers: "10.0.0.9:9092", while: "reading the cluster's topics").description
        #expect(message.contains("could not reach the Kafka broker at 10.0.0.9:9092"))
        #expect(message.contains("KAFKA_BOOTSTRAP_SERVERS"))
        #expect(!message.contains("KafkaError("))
    }

    @Test func serviceOutputsCannotBePublished() async throws {
        let decision = IntakeDecisionMade(
            projectId: "PRJ-2026-101", proposalRevision: 1, decidedAt: Date(timeIntervalSince1970: 1_780_000_000),
            policyVersion: 1, outcome: .approved, reasons: ["forged"], projectManagerAppointmentRequired: false)
        let options = try ConnectionOptions.parse(["--bootstrap-servers", "127.0.0.1:1", "--timeout", "1"])
        let publisher = EventPublisher(session: try ClusterSession(options), source: "/tests")
        await #expect(throws: PmoctlError.self) { try await publisher.publish([decision]) }
        do {
            _ = try await publisher.publish([decision])
        } catch let error as PmoctlError {
            #expect(error.description.contains("only the intake service writes"))
        }
    }

    @Test func topicsAreCreatedAsTheCatalogSays() throws {
        let policy = try #require(TopicCatalog.topic(named: "pmo.config.policy")?.newTopic)
        #expect(policy.partitions == 1 && policy.configs["cleanup.policy"] == "compact")
        let decisions = try #require(TopicCatalog.topic(named: "pmo.intake.decisions")?.newTopic)
        #expect(decisions.partitions == Int32(TopicCatalog.projectPartitions) && decisions.configs["cleanup.policy"] == "delete")
    }

    @Test func commandLinesParse() throws {
        let publish = try #require(try Pmoctl.parseAsRoot(["publish", "proposal.submitted", "-", "--source", "/crm/eu"]) as? PublishCommand)
        #expect(publish.eventType == "proposal.submitted" && publish.file == "-" && publish.source == "/crm/eu")
        let tail = try #require(try Pmoctl.parseAsRoot(["tail", "pmo.intake.decisions", "--from-beginning", "--json"]) as? TailCommand)
        #expect(tail.fromBeginning && tail.json && tail.topics == ["pmo.intake.decisions"])
        #expect(try Pmoctl.parseAsRoot(["policy", "load", "p.yaml"]) is PolicyCommand.Load)
        #expect(try Pmoctl.parseAsRoot(["roster", "load", "r.yaml"]) is RosterCommand.Load)
        #expect(try Pmoctl.parseAsRoot(["topics", "create"]) is TopicsCommand.Create)
        let connection = try #require(try Pmoctl.parseAsRoot(["topics", "create", "--bootstrap-servers", "k1:9093",
                                                               "--kafka-property", "security.protocol=SASL_SSL"]) as? TopicsCommand.Create)
        let configuration = try connection.connection.kafkaConfiguration()
        #expect(configuration.bootstrapServers == "k1:9093")
        #expect(configuration["security.protocol"] == "SASL_SSL")
    }
}

extension Result {
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
