import Foundation
@_spi(Testing) import Kafka
import PMOModel
import Testing
@testable import ServiceRuntime

/// Outputs to coalesced topics (``EventProcessor/coalescedTopics``): held, the last per key,
/// until the transaction commits.
@Suite("Coalesced topics, without a broker")
struct LatestRecordsTests {
    private func record(_ topic: String, key: String?, value: String, partition: Int32? = nil) -> ProducerRecord {
        ProducerRecord(topic: topic, partition: partition, key: key.map { Array($0.utf8) }, value: Array(value.utf8))
    }

    @Test("only the last record of each topic, partition and key is kept, in the order the kept versions arrived")
    func lastPerKeyInArrivalOrder() {
        var latest = LatestRecords()
        #expect(latest.isEmpty)
        latest.hold(record("register", key: "P-1", value: "a1"))
        latest.hold(record("register", key: "P-2", value: "b1"))
        latest.hold(record("register", key: "P-1", value: "a2"))
        latest.hold(record("other", key: "P-1", value: "o1"))
        latest.hold(record("register", key: "P-1", value: "a3", partition: 4))
        latest.hold(record("register", key: nil, value: "n1"))
        latest.hold(record("register", key: "P-2", value: "b2"))
        #expect(latest.count == 5)
        #expect(latest.records.map { String(decoding: $0.value ?? [], as: UTF8.self) } == ["a2", "o1", "a3", "n1", "b2"])
    }

    @Test("a partition's commit and its abort both forget the records it held")
    func commitAndAbortForget() throws {
        // Never connected: the task only needs a producer to exist.
        var quiet = harnessLogger
        quiet.logLevel = .critical
        let producer = try KafkaProducer(configuration: KafkaConfiguration(bootstrapServers: "127.0.0.1:9"), logger: quiet)
        let task = PartitionTask<Int>(partition: 0, producer: producer, limits: .init(retryBudget: .seconds(1)),
                                      maximumRecordAttempts: 3)
        task.latest.hold(record("register", key: "P-1", value: "a1"))
        _ = task.didAbort(failing: nil)
        #expect(task.latest.isEmpty, "an aborted transaction's held record would be written by the next one")
        task.latest.hold(record("register", key: "P-1", value: "a2"))
        task.didCommit()
        #expect(task.latest.isEmpty, "a committed transaction's held record would be written again by the next one")
    }

    @Test("a processor may coalesce only compacted topics it writes")
    func onlyCompactedOutputs() {
        var processor = CoalescingProcessor()
        #expect(processor.uncompactedCoalescedTopics.isEmpty)
        processor.coalesced = ["table", "events", "elsewhere"]
        #expect(processor.uncompactedCoalescedTopics == ["elsewhere", "events"])
    }
}

/// A processor that declares coalesced topics and does nothing else.
private struct CoalescingProcessor: EventProcessor {
    var coalesced: Set<String> = ["table"]
    var name: String { "coalescing" }
    var source: String { "/test/coalescing" }
    var inputTopics: [String] { [] }
    var referenceTopics: [String] { [] }
    var outputTopics: [TopicDefinition] {
        [TopicDefinition(name: "table", partitions: 1, compacted: true), TopicDefinition(name: "events", partitions: 1)]
    }
    var coalescedTopics: Set<String> { coalesced }
    var registry: EventRegistry { EventRegistry(types: []) }
    var initialReference: Void { () }
    func apply(reference event: DecodedEvent, to reference: inout Void) {}
    func handle(_ event: DecodedEvent, state: Int?, context: ProcessingContext<Void>) -> Outcome<Int> { .unchanged(state) }
}

/// The test counter with a coalesced totals topic, on librdkafka's mock cluster.
@Suite("Coalesced topics in a running instance (mock cluster)", .timeLimit(.minutes(3)))
struct CoalescedTopicRunTests {
    @Test("a transaction writes each key's last total to the coalesced topic, once, with the id of the input that made it; the other topic gets every output")
    func lastTotalPerTransaction() async throws {
        let totals = "test.totals.\(UUID().uuidString.prefix(8).lowercased())"
        // One transaction per partition for everything below: committed after 4 s, not by count.
        let (cluster, instance, input, output) = try MockClusterCounter.launch(
            "coalesced", extra: ["--totals-topic", totals, "--commit-interval-ms", "4000", "--commit-records", "100000"],
            prepare: { try $0.createTopic(totals, partitions: 6) })
        defer { instance.stop() }
        _ = try await instance.waitUntilReady()
        let producer = try KafkaProducer(configuration: KafkaConfiguration(bootstrapServers: cluster.bootstrapServers),
                                         logger: harnessLogger)
        for index in 0..<20 {
            try await producer.send(try CounterHarness.request(key: "key-\(index % 2)", id: "coalesced-\(index)", topic: input))
        }
        await producer.close()

        let updates = try await MockClusterCounter.readOutputs(cluster, topic: output, count: 20, timeout: .seconds(60), settle: .seconds(1))
        let written = try await MockClusterCounter.readOutputs(cluster, topic: totals, count: 2, timeout: .seconds(60), settle: .seconds(2))
        #expect(updates.count == 20, "\(instance.output.suffix(2000))")
        #expect(written.map(\.key).sorted() == ["key-0", "key-1"], "one total per key, not one per input: \(written.map(\.sequence))")
        for total in written {
            #expect(total.sequence == 10 && total.total == 10, "the last total of \(total.key): \(total)")
            let last = try #require(updates.first { $0.key == total.key && $0.sequence == 10 })
            #expect(total.id == String(last.id.dropLast(2)) + "/1", "named after the input that made it: \(total.id), \(last.id)")
        }
        #expect(await instance.metric("pmo_records_out_total", labels: ["topic=\"\(totals)\""]) == 2)
    }

    @Test("a coalesced topic that is not compacted: the instance refuses to start")
    func uncompactedRefused() async throws {
        let totals = "test.totals.\(UUID().uuidString.prefix(8).lowercased())"
        let (_, instance, _, _) = try MockClusterCounter.launch(
            "uncompacted", extra: ["--totals-topic", totals, "--totals-topic-uncompacted"],
            prepare: { try $0.createTopic(totals, partitions: 6) })
        defer { instance.stop() }
        let status = await instance.waitForExit(timeout: .seconds(60))
        #expect(status != nil && status != 0, "\(instance.output.suffix(2000))")
        #expect(instance.output.contains("coalesces records of topics that are not compacted outputs of it: [\"\(totals)\"]"),
                "\(instance.output.suffix(2000))")
    }
}
