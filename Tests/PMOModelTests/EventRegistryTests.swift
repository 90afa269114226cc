import Foundation
import Testing
@testable import PMOModel

@Suite struct EventRegistryTests {
    let registry = EventRegistry.standard

    @Test func knowsEveryEventTypeOnce() {
        #expect(registry.eventTypes.count == 39)
        for eventType in registry.eventTypes {
            #expect(registry.type(for: eventType)?.eventType == eventType)
            #expect(EventTypeName.version(of: eventType) == (eventType == HealthAssessedV2.eventType ? 2 : 1))
        }
        // A second version sits next to the first, on the same topic.
        #expect(registry.type(for: HealthAssessed.eventType) != nil)
        #expect(TopicCatalog.topic(carrying: HealthAssessedV2.eventType)?.name == TopicCatalog.topic(carrying: HealthAssessed.eventType)?.name)
    }

    @Test func unknownTypeIsATypedError() {
        #expect(throws: ContractError.unknownEventType("pmo.status.guessed.v1")) {
            try registry.decode(type: "pmo.status.guessed.v1", data: Data("{}".utf8))
        }
    }

    @Test func notJSONIsATypedError() throws {
        let error = try #require(throws: ContractError.self) {
            try registry.decode(type: VoteCast.eventType, data: Data("vote: approve".utf8))
        }
        #expect(error.errorClass == "not-json")
    }

    @Test(arguments: [
        (#"{"projectId":"PRJ-2026-014","changeRequestId":"CR-2026-031","changeRequestRevision":1,"voter":"omar.haddad","castAt":"2026-10-08T09:40:00Z"}"#, "/vote"),
        (#"{"projectId":"PRJ-2026-014","changeRequestId":"CR-2026-031","changeRequestRevision":"1","voter":"omar.haddad","vote":"approve","castAt":"2026-10-08T09:40:00Z"}"#, "/changeRequestRevision"),
        (#"{"projectId":"PRJ-2026-014","changeRequestId":"CR-2026-031","changeRequestRevision":1.5,"voter":"omar.haddad","vote":"approve","castAt":"2026-10-08T09:40:00Z"}"#, "/changeRequestRevision"),
        (#"{"projectId":"PRJ-2026-014","changeRequestId":"CR-2026-031","changeRequestRevision":1,"voter":"omar.haddad","vote":"abstain","castAt":"2026-10-08T09:40:00Z"}"#, "/vote"),
        (#"{"projectId":"PRJ-2026-014","changeRequestId":"CR-2026-031","changeRequestRevision":1,"voter":null,"vote":"approve","castAt":"2026-10-08T09:40:00Z"}"#, "/voter"),
        (#"{"projectId":"PRJ-2026-014","changeRequestId":"CR-2026-031","changeRequestRevision":1,"voter":"omar.haddad","vote":"approve","castAt":"yesterday"}"#, "/castAt"),
        (#"["PRJ-2026-014"]"#, ""),
    ])
    func schemaMismatchNamesTheField(_ json: String, _ pointer: String) throws {
        let error = try #require(throws: ContractError.self) {
            try registry.decode(type: VoteCast.eventType, data: Data(json.utf8))
        }
        #expect(error.violations.map(\.pointer) == [pointer])
        #expect(error.errorClass == "schema-mismatch")
    }

    @Test func validationFailureListsEveryViolation() throws {
        let json = #"{"projectId":"PRJ-14","changeRequestId":"CR-2026-031","changeRequestRevision":0,"voter":"Omar","vote":"approve","castAt":"2026-10-08T09:40:00Z"}"#
        let error = try #require(throws: ContractError.self) {
            try registry.decodeValidated(type: VoteCast.eventType, data: Data(json.utf8))
        }
        #expect(Set(error.violations.map(\.pointer)) == ["/projectId", "/changeRequestRevision", "/voter"])
        #expect(error.errorClass == "domain-invalid")
    }

    @Test func encodesAndDecodesAWholeRecord() throws {
        let report = try example(StatusReported.self)
        let time = try instant("2026-09-16T08:20:00Z")
        let record = try registry.encode(report, id: "f3c1", source: "/upstream/pmoctl", time: time)
        #expect(record.key == "PRJ-2026-014")
        #expect(record.headers.map(\.name) == CloudEventAttributes.Header.all)
        let decoded = try registry.decode(record: record)
        #expect(decoded.attributes == CloudEventAttributes(id: "f3c1", source: "/upstream/pmoctl", type: StatusReported.eventType,
                                                            time: time, subject: "PRJ-2026-014"))
        #expect(decoded.event.isEqual(to: report))
        #expect((decoded.event as? StatusReported)?.actualCost == report.actualCost)
    }

    @Test func refusesToEncodeAnInvalidEvent() throws {
        var report = try example(StatusReported.self)
        report.risks[0].probability = 2
        let error = try #require(throws: ContractError.self) {
            try registry.encode(report, id: "1", source: "/pmo/monitoring", time: Date())
        }
        #expect(error.violations.map(\.pointer) == ["/risks/0/probability"])
    }

    @Test func recordKeySubjectAndEventKeyMustAgree() throws {
        var record = try registry.encode(try example(VoteCast.self), id: "v1", source: "/upstream/pmoctl", time: Date())
        record.key = "PRJ-2026-999"
        #expect(throws: ContractError.keyMismatch(recordKey: "PRJ-2026-999", subject: "PRJ-2026-014", eventKey: "PRJ-2026-014")) {
            try registry.decode(record: record)
        }
    }

    @Test func envelopeErrorsAreContractErrors() throws {
        var record = try registry.encode(try example(VoteCast.self), id: "v1", source: "/upstream/pmoctl", time: Date())
        record.headers.removeAll { $0.name == "ce_type" }
        #expect(throws: ContractError.envelope(.missingHeader("ce_type"))) { try registry.decode(record: record) }
    }
}
