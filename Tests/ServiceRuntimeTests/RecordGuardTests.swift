import Foundation
import Kafka
import PMOModel
import Testing
@testable import ServiceRuntime

/// The pure pieces that keep one bad record from stopping or looping a partition, and that keep
/// the processing order deterministic: poison records, record size limits, co-partitioning, the
/// partitioner check and the merge order.
@Suite("Poison records, size limits, partitioning and merge order, without a broker")
struct RecordGuardTests {
    static let input = TopicPartition("pmo.intake.proposals", 3)
    static let tooLarge = KafkaError(code: 10, name: "MSG_SIZE_TOO_LARGE", message: "")
    static let abortable = KafkaError(code: 29, name: "TOPIC_AUTHORIZATION_FAILED", message: "", requiresAbort: true)
    static let timedOut = KafkaError(code: -192, name: "_MSG_TIMED_OUT", message: "")

    func at(_ offset: Int64) -> RecordPosition { RecordPosition(Self.input, offset: offset) }

    @Test("a record whose output can never be produced is poison at once")
    func permanentErrorPoisonsAtOnce() {
        var poison = PoisonRecords(maximumAttempts: 3)
        poison.aborted(after: Self.tooLarge, failing: at(7), records: [at(5), at(6)], reached: [Self.input: 7])
        #expect(poison.verdict(at: at(7))?.errorClass == "output-rejected")
        #expect(poison.verdict(at: at(6)) == nil, "the good records before it are not blamed")
        #expect(!poison.isIsolated(at(5)), "the failing record was known: nothing to isolate")
    }

    @Test("other failures of a known record are counted; the third makes it poison")
    func attemptsAreCapped() {
        var poison = PoisonRecords(maximumAttempts: 3)
        for attempt in 1...3 {
            #expect(poison.verdict(at: at(7)) == nil, "attempt \(attempt)")
            poison.aborted(after: Self.abortable, failing: at(7), records: [], reached: [:])
        }
        #expect(poison.verdict(at: at(7))?.errorClass == "processing-failed")
    }

    @Test("a passing outage blames no record")
    func outageBlamesNobody() {
        var poison = PoisonRecords(maximumAttempts: 1)
        poison.aborted(after: Self.timedOut, failing: at(7), records: [], reached: [Self.input: 8])
        poison.aborted(after: Self.timedOut, failing: nil, records: [at(1), at(2)], reached: [Self.input: 8])
        #expect(poison.verdict(at: at(7)) == nil)
        #expect(!poison.isIsolating)
    }

    @Test("a failed commit of many records isolates them until they are passed; a lone record's failure names it")
    func isolationFindsTheCulprit() {
        var poison = PoisonRecords(maximumAttempts: 2)
        poison.aborted(after: Self.tooLarge, failing: nil, records: [at(0), at(1), at(2)], reached: [Self.input: 3])
        #expect(poison.isIsolated(at(0)) && poison.isIsolated(at(2)))
        #expect(!poison.isIsolated(at(3)))
        #expect(poison.verdict(at: at(1)) == nil, "nobody is blamed for a failure of many records")
        poison.committed(upTo: [Self.input: 1])
        #expect(poison.isIsolated(at(1)), "still isolating until offset 3 is committed")
        poison.aborted(after: Self.tooLarge, failing: nil, records: [at(1)], reached: [Self.input: 2])
        #expect(poison.verdict(at: at(1))?.errorClass == "output-rejected")
        poison.letterFailed(at: at(1))
        #expect(poison.verdict(at: at(1))?.failedLetters == 1)
        poison.committed(upTo: [Self.input: 3])
        #expect(!poison.isIsolating)
        #expect(poison.verdict(at: at(1)) == nil, "committed positions are forgotten")
    }

    @Test("revoked partitions are forgotten")
    func forget() {
        var poison = PoisonRecords()
        poison.aborted(after: Self.tooLarge, failing: at(4), records: [], reached: [:])
        poison.forget([Self.input])
        #expect(poison.verdict(at: at(4)) == nil)
    }

    @Test("records are measured as librdkafka measures them; dead letters are cut to fit, or keep their headers only")
    func sizeLimit() {
        let limit = RecordSizeLimit(maximum: 2000)
        let small = ProducerRecord(topic: "t", key: "k", value: Array(repeating: 1, count: 100))
        #expect(limit.admits(small))
        #expect(limit.fitting(small) == small, "a letter that fits is left alone")
        let large = ProducerRecord(topic: "t", key: Array("key".utf8), value: Array(repeating: 7, count: 5000),
                                   headers: [KafkaHeader(name: "ce_id", string: "x")])
        #expect(!limit.admits(large))
        let cut = limit.fitting(large)
        #expect(limit.admits(cut))
        #expect(limit.size(of: cut) == 2000, "it keeps as much of the value as fits")
        #expect(cut.headers.string(DeadLetter.Header.truncated) == "value")
        #expect(cut.headers.string(DeadLetter.Header.originalSize) == "5000")
        #expect(cut.value.map { $0.allSatisfy { $0 == 7 } } == true)
        let bare = limit.fitting(large, valueDropped: true)
        #expect(bare.value == nil)
        #expect(bare.headers.string(DeadLetter.Header.truncated) == "headers")
        #expect(bare.headers.string("ce_id") == "x")
        #expect(RecordSizeLimit(configuration: KafkaConfiguration(bootstrapServers: "b")).maximum == 1_000_000)
        #expect(RecordSizeLimit(configuration: KafkaConfiguration(bootstrapServers: "b", properties: ["message.max.bytes": "5000"])).maximum == 5000)
    }

    @Test("co-partitioned inputs and the changelog must have one partition count")
    func coPartitioning() {
        #expect(CoPartitioning.check(["a": 6, "b": 6, "pmo.x.changelog": 6], changelog: "pmo.x.changelog") == .consistent)
        guard case .mismatch(let reason) = CoPartitioning.check(["a": 12, "pmo.x.changelog": 6], changelog: "pmo.x.changelog") else {
            Issue.record("a mismatch must be refused")
            return
        }
        #expect(reason.contains("a: 12") && reason.contains("pmo.x.changelog: 6"))
    }

    @Test("the partitioner check is the Java client's murmur2, and tells CRC32 placements apart")
    func partitioner() {
        // Kafka's own test vectors for Utils.murmur2 (org.apache.kafka.common.utils.UtilsTest).
        let vectors: [(String, Int32)] = [("21", -973_932_308), ("foobar", -790_332_482), ("abc", 479_470_107),
                                          ("a-little-bit-long-string", -985_981_536)]
        for (key, hash) in vectors {
            #expect(Partitioner.murmur2.partition(of: Array(key.utf8), partitions: 1000) == (hash & 0x7fff_ffff) % 1000, "\(key)")
        }
        let keys = (0..<200).map { Array("P-2026-\($0)".utf8) }
        let differ = keys.filter { Partitioner.murmur2.partition(of: $0, partitions: 6) != Partitioner.consistent.partition(of: $0, partitions: 6) }
        #expect(differ.count > 100, "CRC32 puts most keys elsewhere: that is what the runtime re-routes")
    }

    private func record(_ topic: String, offset: Int64, at timestamp: Int64) -> ConsumerRecord {
        ConsumerRecord(topic: topic, partition: 2, offset: offset, key: nil, value: nil, headers: [], timestampMilliseconds: timestamp)
    }

    @Test("the merge order is timestamp, topic, offset, whatever the fetches returned")
    func mergeOrder() {
        let proposals = TopicPartition("proposals", 2)
        let reviews = TopicPartition("reviews", 2)
        let now = ContinuousClock.now
        func drain(_ batches: [[ConsumerRecord]]) -> [String] {
            var merge = InputMerge(inputs: [proposals, reviews], maximumIdle: .seconds(1))
            var order: [String] = []
            for batch in batches {
                for record in batch { merge.add(record) }
                while let next = merge.next(now: now) { order.append("\(next.topic)@\(next.offset)") }
            }
            merge.reachedEnd(proposals)
            merge.reachedEnd(reviews)
            while let next = merge.next(now: now) { order.append("\(next.topic)@\(next.offset)") }
            return order
        }
        let p0 = record("proposals", offset: 0, at: 100), p1 = record("proposals", offset: 1, at: 300)
        let r0 = record("reviews", offset: 0, at: 200), r1 = record("reviews", offset: 1, at: 300)
        let expected = ["proposals@0", "reviews@0", "proposals@1", "reviews@1"]
        #expect(drain([[p0, p1, r0, r1]]) == expected)
        #expect(drain([[r0, r1], [p0, p1]]) == expected, "reviews fetched first wait for the proposals")
        #expect(drain([[p0], [r0], [r1], [p1]]) == expected)
    }

    @Test("a lagging input is waited for at most the idle limit, and not at all once it reached its end")
    func mergeWaitsBounded() {
        let proposals = TopicPartition("proposals", 2)
        let reviews = TopicPartition("reviews", 2)
        let now = ContinuousClock.now
        var merge = InputMerge(inputs: [proposals, reviews], maximumIdle: .milliseconds(500))
        merge.add(record("reviews", offset: 0, at: 200))
        #expect(merge.next(now: now) == nil, "the proposals may still come")
        #expect(merge.next(now: now.advanced(by: .milliseconds(499))) == nil)
        #expect(merge.next(now: now.advanced(by: .milliseconds(500)))?.topic == "reviews", "waited long enough")
        merge.add(record("reviews", offset: 1, at: 250))
        merge.reachedEnd(proposals)
        #expect(merge.next(now: now)?.offset == 1, "nothing to wait for at the end of the proposals")
        merge.add(record("reviews", offset: 2, at: 260))
        merge.discard(reviews)
        #expect(merge.isEmpty, "a rewound input's records are dropped")
    }
}
