import Foundation
@_spi(Testing) import Kafka
import PMOModel
import Testing
@testable import ServiceRuntime

/// Outputs to coalesced topics (``EventProcessor/coalescedTopics``): held, the last per key,
/// until the transaction commits.
@Suite("Coalesced topics, without a broker")
struct LatestRecordsTests {
    private func record(_ topic: String, key: String?, value: String) -> ProducerRecord {
        ProducerRecord(topic: topic, key: key.map { Array($0.utf8) }, value: Array(value.utf8))
    }

    private func deferred(_ topic: String, key: String, id: String) -> LatestRecords.DeferredOutput {
        LatestRecords.DeferredOutput(emission: Emission(KeyedEvent(key: key)), id: id, topic: topic, time: Date(), stamp: { $0 })
    }

    /// What each held output is: an encoded record's value, a deferred output's id.
    private func names(_ latest: LatestRecords) -> [String] {
        latest.outputs.map { output in
            switch output {
            case .encoded(let record): String(decoding: record.value ?? [], as: UTF8.self)
            case .deferred(let held): held.id
            }
        }
    }

    @Test("only the last output of each topic and key is kept, encoded or not, in the order the kept versions arrived")
    func lastPerKeyInArrivalOrder() {
        var latest = LatestRecords()
        #expect(latest.isEmpty)
        latest.hold(record("register", key: "P-1", value: "a1"))
        latest.hold(deferred("register", key: "P-2", id: "b1"))
        latest.hold(deferred("register", key: "P-1", id: "a2"))
        latest.hold(record("other", key: "P-1", value: "o1"))
        latest.hold(record("register", key: nil, value: "n1"))
        latest.hold(record("register", key: "P-2", value: "b2"))
        #expect(latest.count == 4)
        #expect(names(latest) == ["a2", "o1", "n1", "b2"])
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

/// An event keyed as the unit tests need (only its record key matters to ``LatestRecords``).
private struct KeyedEvent: PMOEvent {
    static let eventType = "pmo.test.keyed.v1"
    static let keyKind = RecordKeyKind.originalKey
    var key: String
    var recordKey: String { key }
    func validate(at pointer: JSONPointer, into violations: inout ViolationCollector) {}
    init(key: String) { self.key = key }
    init?(reading reader: inout JSONReader) { nil }
    func writeJSON(to output: inout JSONOutput) throws {
        output.beginObject()
        try output.member("\"key\":", key)
        output.endObject()
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
        // One transaction per partition for everything below, however slowly the machine runs:
        // neither the count nor the interval is reached; the graceful shutdown commits.
        let (cluster, instance, input, output) = try MockClusterCounter.launch(
            "coalesced", extra: ["--totals-topic", totals, "--commit-interval-ms", "40000", "--commit-records", "100000"],
            prepare: { try $0.createTopic(totals, partitions: 6) })
        defer { instance.stop() }
        _ = try await instance.waitUntilReady()
        let producer = try KafkaProducer(configuration: KafkaConfiguration(bootstrapServers: cluster.bootstrapServers),
                                         logger: harnessLogger)
        for index in 0..<20 {
            try await producer.send(try CounterHarness.request(key: "key-\(index % 2)", id: "coalesced-\(index)", topic: input))
        }
        await producer.close()
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: .seconds(30))
        while await instance.metric("pmo_records_in_total", labels: ["topic=\"\(input)\""]) != 20, clock.now < deadline {
            try await Task.sleep(for: .milliseconds(100))
        }
        let held = await instance.metric("pmo_records_out_total", labels: ["topic=\"\(totals)\""]) ?? 0
        #expect(held == 0, "nothing is written to the coalesced topic before the commit")
        instance.signal(SIGTERM)
        #expect(await instance.waitForExit(timeout: .seconds(60)) == 0, "\(instance.output.suffix(2000))")

        let updates = try await MockClusterCounter.readOutputs(cluster, topic: output, count: 20, timeout: .seconds(60), settle: .seconds(1))
        let written = try await MockClusterCounter.readOutputs(cluster, topic: totals, count: 2, timeout: .seconds(60), settle: .seconds(2))
        #expect(updates.count == 20, "\(instance.output.suffix(2000))")
        #expect(written.map(\.key).sorted() == ["key-0", "key-1"], "one total per key, not one per input: \(written.map(\.sequence))")
        for total in written {
            #expect(total.sequence == 10 && total.total == 10, "the last total of \(total.key): \(total)")
            let last = try #require(updates.first { $0.key == total.key && $0.sequence == 10 })
            #expect(total.id == String(last.id.dropLast(2)) + "/1", "named after the input that made it: \(total.id), \(last.id)")
        }
    }

    @Test("a held output over the record size limit at the commit: the inputs are processed again, each checked, and the one that made it becomes a dead letter")
    func oversizedAtCommit() async throws {
        // key-0's last request (amount 5) makes a totals output of 1.1 MB, over the 1 MB limit;
        // its earlier ones and key-1's are small.
        let run = try await runOnce("oversized", amounts: ["key-0": [1, 1, 1, 5], "key-1": [1, 1, 1]],
                                    extra: ["--pad-total-bytes", "1100000", "--pad-total-from-amount", "5"])
        #expect(run.totals == ["key-0": 3, "key-1": 3], "the refused input changes no total: \(run.output)")
        #expect(run.letters == ["output-too-large": 1], "\(run.output)")
        #expect(run.aborted >= 1, "the commit never refused: \(run.output)")
    }

    @Test("a held output that breaks the contracts: its input is a dead letter at once, even when a later output replaces it")
    func invalidHeldOutput() async throws {
        // key-0's first request (amount 7) emits a totals output with sequence 0; its next two
        // replace that output in the transaction, but the first is still refused when emitted.
        // (A key's first input in a transaction gets a copy of its state: see the next test for
        // an input whose key's state had moved into the handler.)
        let run = try await runOnce("invalid", amounts: ["key-0": [7, 1, 1], "key-1": [1, 1]],
                                    extra: ["--invalid-total-amount", "7"])
        #expect(run.totals == ["key-0": 2, "key-1": 2], "\(run.output)")
        #expect(run.letters == ["handler-output-invalid": 1], "\(run.output)")
        #expect(run.aborted == 0, "checked as it was emitted, not at the commit: \(run.output)")
    }

    @Test("an output that breaks the contracts from a key the transaction changed before: processed again, each checked, and the key keeps the earlier changes")
    func invalidOutputAfterMovedState() async throws {
        // key-0's second request (amount 7) finds the state its first left in the open
        // transaction, moved into the handler; when its output is refused, that state is gone, so
        // the transaction is aborted and processed again with each input checked.
        let run = try await runOnce("moved", amounts: ["key-0": [1, 7, 1], "key-1": [1, 1]],
                                    extra: ["--invalid-total-amount", "7"])
        #expect(run.totals == ["key-0": 2, "key-1": 2], "the first request's change is kept: \(run.output)")
        #expect(run.letters == ["handler-output-invalid": 1], "\(run.output)")
        #expect(run.aborted >= 1, "the transaction was not processed again: \(run.output)")
    }

    /// Starts the counter with a coalesced totals topic and one transaction per partition for
    /// everything (`extra` added), publishes each key's requests with the amounts given, in order,
    /// and returns each key's last total in the totals topic, the dead letters by error class,
    /// the aborted transactions and the instance's output.
    private func runOnce(_ label: String, amounts: [String: [Int]], extra: [String]) async throws
        -> (totals: [String: Int], letters: [String: Int], aborted: Double, output: String)
    {
        let totals = "test.totals.\(UUID().uuidString.prefix(8).lowercased())"
        let (cluster, instance, input, _) = try MockClusterCounter.launch(
            label, extra: ["--totals-topic", totals, "--commit-interval-ms", "4000", "--commit-records", "100000"] + extra,
            prepare: { try $0.createTopic(totals, partitions: 6) })
        defer { instance.stop() }
        _ = try await instance.waitUntilReady()
        let producer = try KafkaProducer(configuration: KafkaConfiguration(bootstrapServers: cluster.bootstrapServers),
                                         logger: harnessLogger)
        for (key, list) in amounts.sorted(by: { $0.key < $1.key }) {
            for (index, amount) in list.enumerated() {
                try await producer.send(try CounterHarness.request(key: key, id: "\(label)-\(key)-\(index)", topic: input, amount: amount))
            }
        }
        await producer.close()
        let written = try await MockClusterCounter.readOutputs(cluster, topic: totals, count: amounts.count, timeout: .seconds(60),
                                                               settle: .seconds(2))
        let letters = await instance.get("/metrics")?.body.split(separator: "\n")
            .filter { $0.hasPrefix("pmo_dlq_records_total{") }
            .reduce(into: [String: Int]()) { letters, line in
                guard let start = line.range(of: "error_class=\""), let count = line.split(separator: " ").last.flatMap({ Double($0) }) else { return }
                letters[String(line[start.upperBound...].prefix { $0 != "\"" }), default: 0] += Int(count)
            } ?? [:]
        let aborted = await instance.metric("pmo_transactions_total", labels: [#"result="aborted""#]) ?? 0
        return (Dictionary(written.map { ($0.key, $0.total) }, uniquingKeysWith: { _, last in last }), letters, aborted,
                String(instance.output.suffix(3000)))
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
