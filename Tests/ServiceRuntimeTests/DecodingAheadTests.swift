import Foundation
import Kafka
import PMOModel
import Testing
@testable import ServiceRuntime

/// Records decoded ahead of the loop on another thread (`DecodingAhead`), without a broker: each
/// record gets its own decoding, whichever thread made it, exactly as the loop's own would be.
@Suite("Decoding ahead of the loop")
struct DecodingAheadTests {
    static let translation = RecordTranslation(registry: .standard, serviceName: "pmo-test", source: "/test")

    /// Every contract example of a few input types, each under an id of its own, then two
    /// records the contracts reject (malformed JSON, an unknown event type).
    static func records() throws -> [ConsumerRecord] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        var events: [any PMOEvent] = []
        for type in [StatusReported.self, ProjectBaselined.self, ProjectChartered.self] as [any PMOEvent.Type] {
            let url = root.appendingPathComponent("schemas/examples/\(type.eventType).json")
            let examples = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [Any])
            for example in examples {
                events.append(try type.decodeJSON(JSONSerialization.data(withJSONObject: example)))
            }
        }
        var records: [ConsumerRecord] = []
        for round in 0..<20 {
            for event in events {
                let encoded = try EventRegistry.standard.encode(event, id: "event-\(records.count)", source: "/upstream",
                                                                time: Date(timeIntervalSince1970: Double(round)))
                records.append(ConsumerRecord(topic: "pmo.status.reports", partition: 2, offset: Int64(records.count),
                                              key: Array(encoded.key.utf8), value: encoded.value,
                                              headers: encoded.headers.map(KafkaHeader.init), timestampMilliseconds: nil))
            }
        }
        var malformed = records[0]
        malformed.offset = Int64(records.count)
        malformed.value = Array(#"{"projectId":"#.utf8)
        var unknown = records[1]
        unknown.offset = Int64(records.count + 1)
        unknown.headers = unknown.headers.map { $0.name == "ce_type" ? KafkaHeader(name: "ce_type", string: "pmo.unknown.v1") : $0 }
        return records + [malformed, unknown]
    }

    /// Whether two decodings are the same: the same envelope and event, or the same contract error.
    static func same(_ one: Result<DecodedEvent, ContractError>, _ other: Result<DecodedEvent, ContractError>) throws -> Bool {
        switch (one, other) {
        case (.success(let a), .success(let b)):
            let time = Date(timeIntervalSince1970: 0)
            return try a.attributes == b.attributes
                && EventRegistry.standard.encode(a.event, id: "x", source: "/x", time: time)
                == EventRegistry.standard.encode(b.event, id: "x", source: "/x", time: time)
        case (.failure(let a), .failure(let b)):
            return a == b
        default:
            return false
        }
    }

    /// Waits until the other task has decoded everything handed over to `ahead`.
    static func settled(_ ahead: DecodingAhead) async throws -> Int {
        for _ in 0..<1000 {
            let (open, decoded) = ahead.slots.withLock { slots in
                (slots.values.count { if case .decoded = $0 { false } else { true } },
                 slots.values.count { if case .decoded = $0 { true } else { false } })
            }
            if open == 0 { return decoded }
            try await Task.sleep(for: .milliseconds(10))
        }
        Issue.record("the other task did not finish decoding")
        return 0
    }

    @Test("each record's decoding made ahead of the loop is its own, as the loop would have made it, errors included")
    func decodingsAheadAreTheRecordsOwn() async throws {
        let records = try Self.records()
        #expect(records.suffix(2).allSatisfy { if case .failure = Self.translation.decode($0) { true } else { false } },
                "the last two records are ones the contracts reject")
        let ahead = DecodingAhead(translation: Self.translation, limit: 10_000)
        ahead.decode(Array(records.prefix(records.count / 2)))
        ahead.decode(Array(records.suffix(from: records.count / 2)))
        #expect(try await Self.settled(ahead) == records.count, "every record handed over was decoded ahead")
        for record in records.reversed() {
            #expect(try Self.same(ahead.decoding(of: record), Self.translation.decode(record)), "record at offset \(record.offset)")
        }
        #expect(ahead.count == 0, "a decoding is handed out once")
    }

    @Test("a record at a position decoded ahead but with other bytes (read again after a rewind) gets its own decoding")
    func otherBytesAtTheSamePositionAreDecodedAnew() async throws {
        let records = try Self.records()
        let ahead = DecodingAhead(translation: Self.translation, limit: 10_000)
        ahead.decode(Array(records.prefix(4)))
        #expect(try await Self.settled(ahead) == 4)
        var replaced = records[5]
        replaced.offset = records[1].offset
        var broken = records[2]
        broken.value = Array(#"{"projectId":"#.utf8)
        var retyped = records[3]
        retyped.headers = retyped.headers.map { $0.name == "ce_id" ? KafkaHeader(name: "ce_id", string: "other-id") : $0 }
        for record in [replaced, broken, retyped] {
            #expect(try !Self.same(Self.translation.decode(record), Self.translation.decode(records[Int(record.offset)])),
                    "the test's record at offset \(record.offset) decodes otherwise than the one handed over")
            #expect(try Self.same(ahead.decoding(of: record), Self.translation.decode(record)), "record at offset \(record.offset)")
        }
        #expect(try Self.same(ahead.decoding(of: records[0]), Self.translation.decode(records[0])))
    }

    @Test("records not handed over, taken twice, forgotten or over the limit are decoded by the loop itself")
    func recordsNotAheadAreDecodedByTheLoop() async throws {
        let records = try Self.records()
        let ahead = DecodingAhead(translation: Self.translation, limit: 10)
        ahead.decode(records)
        #expect(ahead.count == 10, "no more than the limit waits")
        #expect(try await Self.settled(ahead) == 10)
        ahead.forget([TopicPartition("pmo.status.reports", 7)])
        #expect(ahead.count == 10, "forgetting another partition keeps these")
        ahead.forget([TopicPartition("pmo.status.reports", 2)])
        #expect(ahead.count == 0)
        ahead.decode(Array(records.prefix(3)))
        ahead.forgetAll()
        #expect(ahead.count == 0)
        for record in records.prefix(12) + records.prefix(3) {
            #expect(try Self.same(ahead.decoding(of: record), Self.translation.decode(record)), "record at offset \(record.offset)")
        }
    }

    @Test("records are decoded in the order the loop applies them: partition by partition, each partition's in the order handed over")
    func applyingOrder() {
        let handed = [(2, "a", 10), (0, "a", 5), (2, "b", 3), (1, "a", 7), (0, "b", 1), (2, "a", 11), (0, "a", 6)]
            .map { RecordPosition(TopicPartition($0.1, Int32($0.0)), offset: Int64($0.2)) }
        let order = DecodingAhead.inApplyingOrder(handed).map { "\($0.topicPartition.partition)\($0.topicPartition.topic)\($0.offset)" }
        #expect(order == ["0a5", "0b1", "0a6", "1a7", "2a10", "2b3", "2a11"])
    }
}
