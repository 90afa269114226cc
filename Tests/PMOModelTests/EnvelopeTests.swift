import Foundation
import Testing
@testable import PMOModel

@Suite struct EnvelopeTests {
    func attributes() throws -> CloudEventAttributes {
        CloudEventAttributes(id: "2d9f5c4e-8a1b-4f7e-9c3d-6b2a1e0f4d88", source: "/pmo/intake",
                             type: "pmo.intake.decision.made.v1", time: try instant("2026-02-25T08:30:00.125Z"),
                             subject: "PRJ-2026-014")
    }

    @Test func writesTheSevenBinaryModeHeaders() throws {
        let headers = try attributes().headers()
        let pairs = headers.map { "\($0.name)=\($0.text ?? "?")" }
        #expect(pairs == [
            "ce_specversion=1.0", "ce_id=2d9f5c4e-8a1b-4f7e-9c3d-6b2a1e0f4d88", "ce_source=/pmo/intake",
            "ce_type=pmo.intake.decision.made.v1", "ce_time=2026-02-25T08:30:00.125Z", "ce_subject=PRJ-2026-014",
            "content-type=application/json",
        ])
    }

    @Test func readsBackWhatItWrites() throws {
        let headers = try attributes().headers() + [RecordHeader("traceparent", "00-abc-def-01")]
        #expect(try CloudEventAttributes(headers: headers.reversed()) == attributes())
        #expect(try attributes().identity == EventIdentity(source: "/pmo/intake", id: "2d9f5c4e-8a1b-4f7e-9c3d-6b2a1e0f4d88"))
    }

    @Test func acceptsAContentTypeWithParameters() throws {
        var headers = try attributes().headers()
        headers[6] = RecordHeader("content-type", "application/json; charset=utf-8")
        #expect(try CloudEventAttributes(headers: headers) == attributes())
    }

    @Test(arguments: CloudEventAttributes.Header.all)
    func missingHeaderIsNamed(_ name: String) throws {
        let headers = try attributes().headers().filter { $0.name != name }
        #expect(throws: EnvelopeError.missingHeader(name)) { try CloudEventAttributes(headers: headers) }
    }

    @Test func repeatedHeaderIsRefused() throws {
        let headers = try attributes().headers() + [RecordHeader("ce_id", "again")]
        #expect(throws: EnvelopeError.repeatedHeader("ce_id")) { try CloudEventAttributes(headers: headers) }
    }

    @Test(arguments: [
        ("ce_specversion", "0.3"), ("ce_time", "2026-02-25 08:30"), ("content-type", "application/avro"),
        ("ce_source", "pmo intake"), ("ce_type", "DecisionMade"), ("ce_subject", ""), ("ce_id", ""),
    ])
    func invalidValueIsNamed(_ name: String, _ value: String) throws {
        var headers = try attributes().headers()
        let index = try #require(headers.firstIndex { $0.name == name })
        headers[index] = RecordHeader(name, value)
        let error = try #require(throws: EnvelopeError.self) { try CloudEventAttributes(headers: headers) }
        guard case .invalidHeader(let found, let foundValue, _) = error else {
            Issue.record("expected an invalid header, got \(error)")
            return
        }
        #expect(found == name)
        #expect(foundValue == value)
    }

    @Test func nonUTF8HeaderIsRefused() throws {
        var headers = try attributes().headers()
        headers[1] = RecordHeader(name: "ce_id", value: [0xFF, 0xFE])
        #expect(throws: EnvelopeError.self) { try CloudEventAttributes(headers: headers) }
    }
}

@Suite struct DeadLetterTests {
    func letter() throws -> DeadLetter {
        DeadLetter(originalTopic: "pmo.intake.proposals", originalPartition: 3, originalOffset: 41_207,
                   error: .notJSON("unexpected character 'v'"), service: .intake,
                   failedAt: try instant("2026-02-09T10:12:05Z"))
    }

    @Test func headersNameOriginAndError() throws {
        let letter = try letter()
        let values = Dictionary(uniqueKeysWithValues: letter.headers.map { ($0.name, $0.text ?? "") })
        #expect(values["pmo_dlq_original_topic"] == "pmo.intake.proposals")
        #expect(values["pmo_dlq_original_partition"] == "3")
        #expect(values["pmo_dlq_original_offset"] == "41207")
        #expect(values["pmo_dlq_error_class"] == "not-json")
        #expect(values["pmo_dlq_error_message"]?.contains("unexpected character") == true)
        #expect(letter.topic == "pmo.intake.dlq")
        #expect(try DeadLetter(headers: letter.headers) == letter)
    }

    @Test func keepsOriginalHeadersAndReplacesEarlierDeadLetterHeaders() throws {
        let original = [RecordHeader("ce_id", "x1"), RecordHeader("pmo_dlq_error_class", "stale")]
        let headers = try letter().headers(keeping: original)
        #expect(headers.first == RecordHeader("ce_id", "x1"))
        #expect(headers.filter { $0.name == "pmo_dlq_error_class" }.map(\.text) == ["not-json"])
    }

    @Test func badPartitionIsNamed() throws {
        var headers = try letter().headers
        headers[1] = RecordHeader("pmo_dlq_original_partition", "three")
        #expect(throws: EnvelopeError.invalidHeader(name: "pmo_dlq_original_partition", value: "three",
                                                    reason: "is not a partition number")) {
            try DeadLetter(headers: headers)
        }
    }
}
