import Foundation
@_spi(Testing) import Kafka
import Testing
@testable import ServiceRuntime

/// How often a partition's transaction is committed: by count and by time, whatever the poll
/// size (issue 9).
@Suite("Commit policy", CounterHarness.enabled, .serialized, .timeLimit(.minutes(3)))
struct CommitPolicyTests {
    @Test("poll size, commit count and commit interval are separate settings")
    func separateSettings() throws {
        let options = try RuntimeOptions.parse(["--poll-records", "2000", "--commit-records", "7", "--commit-interval-ms", "30"])
        let configuration = try options.runtimeConfiguration(service: "counter", logger: harnessLogger)
        #expect(configuration.pollRecords == 2000)
        #expect(configuration.commitRecords == 7)
        #expect(configuration.commitInterval == .milliseconds(30))
        #expect(throws: (any Error).self) {
            try RuntimeOptions.parse(["--commit-records", "0"]).runtimeConfiguration(service: "counter", logger: harnessLogger)
        }
    }

    @Test("a transaction is committed after the commit count even when one poll returns far more records")
    func commitByCount() async throws {
        let harness = try CounterHarness("commit-count")
        try await harness.createTopics()
        // One key, so one partition; 100 records preloaded, polled 1,000 at a time; the commit
        // interval is too long to matter, so only the count can commit them.
        let published = try await harness.publishRequests(100, keys: 1)
        #expect(published.values.reduce(0, +) == 100)
        let instance = try harness.start(instance: "a", extra: [
            "--poll-records", "1000", "--commit-records", "10", "--commit-interval-ms", "600000",
        ])
        defer { instance.stop() }
        let outputs = try await harness.readOutputs(distinct: 100, timeout: .seconds(60))
        #expect(outputs.count == 100, "all 100 outputs committed by count: \(instance.output.suffix(2000))")
        let committed = await instance.metric("pmo_transactions_total", labels: ["result=\"committed\""])
        #expect(committed == 10, "one transaction per 10 records: \(String(describing: committed))")
    }

    @Test("a transaction is committed after the commit interval even when the count is not reached")
    func commitByTime() async throws {
        let harness = try CounterHarness("commit-time")
        try await harness.createTopics()
        let instance = try harness.start(instance: "a", extra: [
            "--poll-records", "1000", "--commit-records", "100000", "--commit-interval-ms", "200",
        ])
        defer { instance.stop() }
        try await instance.waitUntilReady()
        _ = try await harness.publishRequests(30, keys: 3)
        let outputs = try await harness.readOutputs(distinct: 30, timeout: .seconds(30))
        #expect(outputs.count == 30, "committed by time: \(instance.output.suffix(2000))")
    }

    @Test("partitions due together commit together; a commit that must abort rewinds its partition only, nothing lost or doubled")
    func concurrentCommitsWithAFailure() async throws {
        let (cluster, instance, input, output) = try await MockClusterCounter.start(
            "together", extra: ["--commit-records", "100000", "--commit-interval-ms", "300"])
        defer { instance.stop() }
        // The first partitions added to a transaction are refused: that transaction must abort.
        cluster.failNext(.addPartitionsToTxn, with: [29 /* TOPIC_AUTHORIZATION_FAILED */])
        let producer = try KafkaProducer(configuration: KafkaConfiguration(bootstrapServers: cluster.bootstrapServers),
                                         logger: harnessLogger)
        let keys = (0..<24).map { "key-\($0)" }
        for round in 0..<5 {
            for key in keys {
                try await producer.produce(try CounterHarness.request(key: key, id: "\(key)-\(round)", topic: input))
            }
        }
        try await producer.flush(timeout: .seconds(10))
        await producer.close()
        #expect(Set(keys.map { Partitioner.murmur2.partition(of: Array($0.utf8), partitions: 6) }).count == 6,
                "the keys cover every partition, so several commits are due at once")

        let reader = try KafkaConsumer(configuration: KafkaConfiguration(bootstrapServers: cluster.bootstrapServers),
                                       groupID: nil, logger: harnessLogger)
        try reader.assign((0..<6).map { TopicPartitionOffset(output, $0, offset: KafkaOffset.beginning) })
        var sequences: [String: [Int]] = [:]
        var read = 0
        let clock = ContinuousClock()
        let end = clock.now.advanced(by: .seconds(60))
        while read < 120, clock.now < end {
            for case .record(let record) in try await reader.pollBatch(maxEvents: 200, timeout: .milliseconds(200)) {
                let update = try CountOutput(record)
                sequences[update.key, default: []].append(update.sequence)
                read += 1
            }
        }
        for case .record(let record) in try await reader.pollBatch(maxEvents: 200, timeout: .seconds(1)) {
            let update = try CountOutput(record)
            sequences[update.key, default: []].append(update.sequence)
        }
        try await reader.close()
        for key in keys {
            #expect(sequences[key] == [1, 2, 3, 4, 5], "\(key): \(sequences[key] ?? []) \(instance.output.suffix(1500))")
        }
        let aborted = await instance.metric("pmo_transactions_total", labels: [#"result="aborted""#])
        #expect((aborted ?? 0) >= 1, "the injected error never made a transaction abort: \(instance.output.suffix(2000))")
        #expect(instance.isRunning)
    }
}
