import Foundation
@_spi(Testing) import Kafka
import PMOModel
import Testing

/// Regression tests for the runtime's hardening (issue 8): each reproduces a way the old loop
/// lost a record, looped, stalled while healthy, rolled state back or split a key's state.
@Suite("Runtime hardening", CounterHarness.enabled, .serialized, .timeLimit(.minutes(5)))
struct HardeningTests {
    /// About 1 MB: over librdkafka's default `message.max.bytes` once dead-letter headers are added.
    static let oversized = 999_900

    @Test("a non-JSON input too large for its dead letter, first of its partition, is dead-lettered cut to fit, not lost")
    func oversizedFirstRecordIsKept() async throws {
        let harness = try CounterHarness("oversized-first")
        try await harness.createTopics()
        try await publishOversized(harness, before: 0, after: 5)
        let instance = try harness.start(instance: "a")
        defer { instance.stop() }

        let outputs = try await harness.readOutputs(distinct: 5, timeout: .seconds(60))
        let (_, problems) = harness.verifyExactlyOnce(outputs, expected: ["key-0": 5])
        #expect(problems.isEmpty, "\(problems)\n\(instance.output.suffix(2000))")
        let letters = try await harness.readDeadLetters(count: 1)
        try #require(letters.count == 1, "the oversized record must be in the dead letters: \(instance.output.suffix(3000))")
        let letter = letters[0]
        #expect(letter.headers.string("pmo_dlq_error_class") == "not-json")
        #expect(letter.headers.string(DeadLetter.Header.truncated) == "value")
        #expect(letter.headers.string(DeadLetter.Header.originalSize) == "\(Self.oversized)")
        #expect(letter.headers.string("pmo_dlq_original_offset") == "0")
        #expect((letter.value?.count ?? 0) > 990_000, "as much of the value as fits is kept")
    }

    @Test("the same record later in a transaction neither loops nor holds back the good records around it")
    func oversizedRecordMidTransactionDoesNotLoop() async throws {
        let harness = try CounterHarness("oversized-mid")
        try await harness.createTopics()
        try await publishOversized(harness, before: 5, after: 5)
        let instance = try harness.start(instance: "a")
        defer { instance.stop() }

        let outputs = try await harness.readOutputs(distinct: 10, timeout: .seconds(60))
        let (_, problems) = harness.verifyExactlyOnce(outputs, expected: ["key-0": 10])
        #expect(problems.isEmpty, "\(problems)\n\(instance.output.suffix(2000))")
        let letters = try await harness.readDeadLetters(count: 1)
        #expect(letters.count == 1)
        let aborted = await instance.metric("pmo_transactions_total", labels: [#"result="aborted""#]) ?? 0
        #expect(aborted <= 1, "a record that can never be produced must not abort again and again: \(aborted) aborts")
        #expect(instance.isRunning)
    }

    @Test("a key whose state outgrows the record size limit is refused with an error naming the key; others go on")
    func stateTooLarge() async throws {
        let harness = try CounterHarness("state-size")
        try await harness.createTopics()
        let instance = try harness.start(instance: "a", extra: [
            "--pad-state-bytes", "60000", "--kafka-property", "message.max.bytes=50000",
        ])
        defer { instance.stop() }
        let producer = try KafkaProducer(configuration: harness.kafka, logger: harnessLogger)
        try await producer.send(try CounterHarness.request(key: "big-key", id: "big-1", topic: harness.inputTopic))
        await producer.close()
        let letters = try await harness.readDeadLetters(count: 1, timeout: .seconds(60))
        try #require(letters.count == 1, "\(instance.output.suffix(3000))")
        #expect(letters[0].headers.string("pmo_dlq_error_class") == "state-too-large")
        #expect(letters[0].headers.string("pmo_dlq_error_message")?.contains("big-key") == true)
        let outputs = try await harness.readOutputs(distinct: 1, timeout: .seconds(3))
        #expect(outputs.isEmpty, "no output for a request whose state could not be kept")
        #expect(instance.isRunning)
    }

    @Test("a small state that outgrows the size limit within a transaction aborts it once; the input that did it is refused, others go on")
    func stateOutgrowsTheLimitBeforeTheCommit() async throws {
        let harness = try CounterHarness("state-growth")
        try await harness.createTopics()
        // The key's first request leaves a small state (committed, its size known), so the
        // second one's state is only encoded at the commit: too large, the transaction is aborted
        // and processed again with every state checked.
        let instance = try harness.start(instance: "a", extra: [
            "--pad-state-bytes", "60000", "--pad-state-from-request", "2", "--kafka-property", "message.max.bytes=50000",
        ])
        defer { instance.stop() }
        let producer = try KafkaProducer(configuration: harness.kafka, logger: harnessLogger)
        try await producer.send(try CounterHarness.request(key: "growing-key", id: "grow-1", topic: harness.inputTopic))
        let first = try await harness.readOutputs(distinct: 1, timeout: .seconds(30))
        try #require(first.count == 1, "\(instance.output.suffix(3000))")
        try await producer.send(try CounterHarness.request(key: "growing-key", id: "grow-2", topic: harness.inputTopic))
        try await producer.send(try CounterHarness.request(key: "other-key", id: "other-1", topic: harness.inputTopic))
        await producer.close()
        let letters = try await harness.readDeadLetters(count: 1, timeout: .seconds(60))
        try #require(letters.count == 1, "\(instance.output.suffix(3000))")
        #expect(letters[0].headers.string("pmo_dlq_error_class") == "state-too-large")
        #expect(letters[0].headers.string("pmo_dlq_error_message")?.contains("growing-key") == true)
        let aborted = await instance.metric("pmo_transactions_total", labels: [#"result="aborted""#]) ?? 0
        #expect(aborted == 1, "the state found too large at the commit aborts once: \(aborted)")
        // The other key's request is processed; the embedded broker shows aborted records to
        // read_committed readers, so the refused request's aborted output is not looked for.
        let outputs = try await harness.readOutputs(distinct: 3, timeout: .seconds(10))
        #expect(outputs.contains { $0.key == "other-key" }, "\(outputs)")
        #expect(instance.isRunning)
    }

    @Test("a changelog record that cannot be read stops the instance instead of rolling the key's state back")
    func unreadableChangelogFailsTheRestore() async throws {
        let harness = try CounterHarness("bad-changelog")
        try await harness.createTopics()
        let admin = try KafkaAdmin(configuration: harness.kafka, logger: harnessLogger)
        try await admin.createTopics([NewTopic(name: "pmo.\(harness.name).changelog", partitions: harness.partitions,
                                               configs: ["cleanup.policy": "compact"])])
        let producer = try KafkaProducer(configuration: harness.kafka, logger: harnessLogger)
        try await producer.send(ProducerRecord(topic: "pmo.\(harness.name).changelog", partition: 2, key: "key-7",
                                               value: Array(#"{"state":{"total":"#.utf8)))
        await producer.close()

        let instance = try harness.start(instance: "a")
        defer { instance.stop() }
        let status = await instance.waitForExit(timeout: .seconds(60))
        #expect(status != nil && status != 0, "the instance must not run on restored-but-wrong state: \(instance.output.suffix(2000))")
        #expect(instance.output.contains("key-7"), "the error names the key")
    }

    @Test("a changelog value in an older format is migrated by the processor instead of stopping the restore")
    func olderStateIsMigrated() async throws {
        let harness = try CounterHarness("migrate")
        try await harness.createTopics()
        let admin = try KafkaAdmin(configuration: harness.kafka, logger: harnessLogger)
        try await admin.createTopics([NewTopic(name: "pmo.\(harness.name).changelog", partitions: harness.partitions,
                                               configs: ["cleanup.policy": "compact"])])
        let key = "key-3"
        let partition = Partitioner.murmur2.partition(of: Array(key.utf8), partitions: harness.partitions)
        let producer = try KafkaProducer(configuration: harness.kafka, logger: harnessLogger)
        // The counter's legacy format: the bare total.
        try await producer.send(ProducerRecord(topic: "pmo.\(harness.name).changelog", partition: partition, key: key,
                                               value: Array("41".utf8)))
        try await producer.send(try CounterHarness.request(key: key, id: "after-migration", topic: harness.inputTopic))
        await producer.close()
        let instance = try harness.start(instance: "a")
        defer { instance.stop() }
        let outputs = try await harness.readOutputs(distinct: 1, timeout: .seconds(60))
        #expect(outputs.map(\.total) == [42], "the migrated total carries on: \(instance.output.suffix(2000))")
        #expect(instance.isRunning)
    }

    @Test("an eager rebalance keeps the state of the partitions an instance keeps: only new ones are restored")
    func keptPartitionsAreNotRestoredAgain() async throws {
        let harness = try CounterHarness("kept")
        try await harness.createTopics()
        let first = try harness.start(instance: "a")
        defer { first.stop() }
        try await first.waitUntilReady()
        _ = try await harness.publishRequests(300, keys: 30)
        _ = try await harness.readOutputs(distinct: 300)
        let restoresBefore = await first.metric("pmo_restore_duration_seconds_count")
        #expect(restoresBefore == 1)

        let second = try harness.start(instance: "b")
        defer { second.stop() }
        let shares = try await harness.waitForAssignment(of: [first, second])
        #expect(!shares[0].isEmpty, "the first instance keeps some partitions")
        let restoresAfter = await first.metric("pmo_restore_duration_seconds_count")
        #expect(restoresAfter == 1, "the kept partitions were not read again from the changelog: \(String(describing: restoresAfter)) restores")
        let more = try await harness.publishRequests(300, keys: 30, first: 300)
        var expected = more
        for key in expected.keys { expected[key, default: 0] += 10 }
        let outputs = try await harness.readOutputs(distinct: 600)
        let (_, problems) = harness.verifyExactlyOnce(outputs, expected: expected)
        #expect(problems.isEmpty, "state carried over correctly: \(problems.prefix(5))")
    }

    @Test("an input topic with more partitions than the changelog is refused at start")
    func partitionCountMismatchIsRefused() async throws {
        let harness = try CounterHarness("partition-count")
        try await harness.createTopics()
        let admin = try KafkaAdmin(configuration: harness.kafka, logger: harnessLogger)
        try await admin.createTopics([NewTopic(name: "pmo.\(harness.name).changelog", partitions: 3,
                                               configs: ["cleanup.policy": "compact"])])
        let instance = try harness.start(instance: "a")
        defer { instance.stop() }
        let status = await instance.waitForExit(timeout: .seconds(60))
        #expect(status != nil && status != 0, "\(instance.output.suffix(2000))")
        #expect(instance.output.contains("same partition count"), "\(instance.output.suffix(2000))")
    }

    @Test("records put in the wrong partition by a CRC32 producer are moved to their key's partition: one state per key")
    func crc32ProducerIsRerouted() async throws {
        let harness = try CounterHarness("crc32")
        try await harness.createTopics()
        let instance = try harness.start(instance: "a")
        defer { instance.stop() }
        // Half the requests come from a client with librdkafka's default partitioner (CRC32), as
        // the C, Python, Go and .NET clients publish; half with the catalog's (murmur2).
        let murmur = try KafkaProducer(configuration: harness.kafka, logger: harnessLogger)
        let crc = try KafkaProducer(configuration: harness.kafka.merging(["partitioner": "consistent"]), logger: harnessLogger)
        var expected: [String: Int] = [:]
        for index in 0..<600 {
            let key = "key-\(index % 30)"
            expected[key, default: 0] += 1
            let producer = index.isMultiple(of: 2) ? murmur : crc
            try await producer.produce(try CounterHarness.request(key: key, id: "req-\(index)", topic: harness.inputTopic))
        }
        try await murmur.flush()
        try await crc.flush()
        await murmur.close()
        await crc.close()

        let outputs = try await harness.readOutputs(distinct: 600, timeout: .seconds(90))
        let (_, problems) = harness.verifyExactlyOnce(outputs, expected: expected)
        #expect(problems.isEmpty, "\(problems.prefix(5))\n\(instance.output.suffix(2000))")
        let moved = await instance.metric("pmo_records_rerouted_total") ?? 0
        #expect(moved > 100, "most CRC32 placements differ from murmur2: \(moved) moved")
    }

    @Test("a record moved into a partition where another producer's transaction is open is processed once that transaction ends")
    func movedRecordBehindAnotherTransaction() async throws {
        let harness = try CounterHarness("moved-behind")
        try await harness.createTopics()
        let instance = try harness.start(instance: "a")
        defer { instance.stop() }
        try await instance.waitUntilReady()
        let keys = (0..<200).map { "key-\($0)" }
        let moved = try #require(keys.first { harness.partition(of: $0) == 1 })
        let other = try #require(keys.first { harness.partition(of: $0) == 1 && $0 != moved })
        let elsewhere = try #require(keys.first { harness.partition(of: $0) == 2 })

        // An upstream transactional producer opens a transaction on partition 1.
        let upstream = try KafkaProducer(configuration: harness.kafka.merging(["transactional.id": "\(harness.name)-upstream"]),
                                         logger: harnessLogger)
        try await upstream.initTransactions()
        try await upstream.beginTransaction()
        _ = try await upstream.send(try CounterHarness.request(key: other, id: "upstream-1", topic: harness.inputTopic))

        // A record of a partition-1 key arrives in partition 4 and is moved while that transaction
        // is open, and the move is committed.
        let plain = try KafkaProducer(configuration: harness.kafka, logger: harnessLogger)
        var misplaced = try CounterHarness.request(key: moved, id: "misplaced-1", topic: harness.inputTopic)
        misplaced.partition = 4
        _ = try await plain.send(misplaced)
        await plain.close()
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: .seconds(30))
        while await instance.metric("pmo_records_rerouted_total") ?? 0 < 1, clock.now < deadline {
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(await instance.metric("pmo_records_rerouted_total") == 1, "\(instance.output.suffix(2000))")
        // Well past the 50 ms commit interval: the move's transaction has ended.
        try await Task.sleep(for: .seconds(2))

        // The upstream transaction ends after it, while a second one, which also writes to
        // partition 2, is open; that one ends last. Nothing writes to partition 1 afterwards.
        let second = try KafkaProducer(configuration: harness.kafka.merging(["transactional.id": "\(harness.name)-second"]),
                                       logger: harnessLogger)
        try await second.initTransactions()
        try await second.beginTransaction()
        _ = try await upstream.send(try CounterHarness.request(key: elsewhere, id: "upstream-2", topic: harness.inputTopic))
        _ = try await second.send(try CounterHarness.request(key: elsewhere, id: "second-1", topic: harness.inputTopic))
        try await upstream.commitTransaction()
        try await second.commitTransaction()
        await upstream.close()
        await second.close()

        let outputs = try await harness.readOutputs(distinct: 4, timeout: .seconds(30))
        let (_, problems) = harness.verifyExactlyOnce(outputs, expected: [moved: 1, other: 1, elsewhere: 2])
        #expect(problems.isEmpty, "\(problems)\n\(instance.output.suffix(2000))")
    }

    @Test("consumer lag goes back to 0 once a burst is processed and committed")
    func lagIsTheRealLag() async throws {
        let harness = try CounterHarness("lag")
        try await harness.createTopics()
        let instance = try harness.start(instance: "a")
        defer { instance.stop() }
        try await instance.waitUntilReady()
        _ = try await harness.publishRequests(3000, keys: 50)
        _ = try await harness.readOutputs(distinct: 3000)
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: .seconds(15))
        var lag = await instance.metric("pmo_consumer_lag")
        while lag != 0, clock.now < deadline {
            try await Task.sleep(for: .milliseconds(500))
            lag = await instance.metric("pmo_consumer_lag")
        }
        #expect(lag == 0, "lag after everything was committed: \(String(describing: lag))")
        #expect(await instance.get("/healthz")?.status == 200)
    }

    @Test("a broker too slow to answer at start delays the instance's start instead of ending it")
    func slowBrokerAtStart() async throws {
        // Every answer takes 3 s, longer than the 2 s call timeout: reading the topics times out.
        let (cluster, instance, _, _) = try MockClusterCounter.launch(
            "slow-start", extra: ["--call-timeout-ms", "2000"]) { try $0.delayResponses(by: .seconds(3)) }
        defer { instance.stop() }
        try await Task.sleep(for: .seconds(6))
        #expect(instance.isRunning, "a retriable error at start must not end the instance: \(instance.output.suffix(2000))")
        try cluster.delayResponses(by: .zero)
        let readiness = try await instance.waitUntilReady()
        #expect(readiness.partitions == Array(0..<6))
        #expect(instance.output.contains("trying again"), "the wait is logged")
    }

    @Test("a commit outage longer than the retry budget ends the instance instead of leaving it healthy and stalled")
    func commitOutageEndsTheInstance() async throws {
        let (cluster, instance, input, _) = try await MockClusterCounter.start(
            "outage", extra: ["--transaction-timeout-ms", "8000", "--call-timeout-ms", "2000"])
        defer { instance.stop() }
        // The coordinator answers every EndTxn with a retriable error for far longer than the
        // retry budget (transaction timeout 8 s less the 2 s call timeout).
        cluster.failNext(.endTxn, with: Array(repeating: 15 /* COORDINATOR_NOT_AVAILABLE */, count: 2000))
        let producer = try KafkaProducer(configuration: KafkaConfiguration(bootstrapServers: cluster.bootstrapServers),
                                         logger: harnessLogger)
        try await producer.send(try CounterHarness.request(key: "key-1", id: "outage-1", topic: input))
        await producer.close()
        let (status, unhealthy) = await instance.healthUntilExit(timeout: .seconds(60))
        #expect(status != nil && status != 0, "the instance must exit non-zero: \(instance.output.suffix(3000))")
        if let unhealthy { print("commit outage: /healthz said \(unhealthy.status) \(unhealthy.body) before the exit") }
        #expect(instance.output.contains("kept failing"), "\(instance.output.suffix(3000))")
        #expect(!instance.output.contains("_CONFLICT"), "a pending commit must never be aborted")
    }

    @Test("handovers by SIGTERM mid-stream: no update exists twice under any id, and everything is visible within seconds")
    func handoverByTermination() async throws {
        let harness = try CounterHarness("handover")
        try await harness.createTopics()
        var instances = [try harness.start(instance: "a"), try harness.start(instance: "b")]
        defer { for instance in instances { instance.stop() } }
        for instance in instances { try await instance.waitUntilReady() }
        var expected: [String: Int] = [:]
        var next = 0
        for round in 0..<6 {
            // Publish while one instance is stopped with SIGTERM (it commits and leaves the group)
            // and a fresh one takes its place.
            let first = next
            async let published = harness.publishRequests(1000, keys: 40, first: first)
            next += 1000
            let leaving = round % 2
            try await Task.sleep(for: .milliseconds(200))
            instances[leaving].signal(SIGTERM)
            let status = await instances[leaving].waitForExit(timeout: .seconds(40))
            #expect(status == 0, "round \(round): \(instances[leaving].output.suffix(2000))")
            expected.merge(try await published, uniquingKeysWith: +)
            instances[leaving] = try harness.start(instance: "\(["a", "b"][leaving])\(round)")
            try await instances[leaving].waitUntilReady()
        }
        let clock = ContinuousClock()
        let started = clock.now
        let outputs = try await harness.readOutputs(distinct: next, timeout: .seconds(60))
        let took = clock.now - started
        let (copies, problems) = harness.verifyExactlyOnce(outputs, expected: expected)
        #expect(problems.isEmpty, "\(problems.prefix(10))")
        #expect(Set(outputs.map(\.id)).count == next, "every update visible to read_committed readers within a minute (took \(took))")
        print("handover test: \(outputs.count) records read in \(took), \(copies) copies of aborted records (same ce_id)")
    }

    /// Publishes `before` good requests, one non-JSON record of `oversized` bytes, and `after`
    /// good requests, all for key-0 (so all in one partition), with a producer allowed to send it.
    private func publishOversized(_ harness: CounterHarness, before: Int, after: Int) async throws {
        let producer = try KafkaProducer(configuration: harness.kafka.merging(["message.max.bytes": "2000000"]),
                                         logger: harnessLogger)
        for index in 0..<before {
            try await producer.send(try CounterHarness.request(key: "key-0", id: "good-\(index)", topic: harness.inputTopic))
        }
        var huge = try CounterHarness.request(key: "key-0", id: "huge", topic: harness.inputTopic)
        huge.value = Array(repeating: UInt8(ascii: "z"), count: Self.oversized)
        try await producer.send(huge)
        for index in before..<(before + after) {
            try await producer.send(try CounterHarness.request(key: "key-0", id: "good-\(index)", topic: harness.inputTopic))
        }
        await producer.close()
    }
}

extension CounterHarness {
    /// Reads the counter's dead letters until `count` were read or `timeout` passed.
    func readDeadLetters(count: Int, timeout: Duration = .seconds(30)) async throws -> [ConsumerRecord] {
        let reader = try KafkaConsumer(configuration: kafka, groupID: nil, logger: harnessLogger)
        try reader.assign([TopicPartitionOffset("pmo.\(name).dlq", 0, offset: KafkaOffset.beginning)])
        var letters: [ConsumerRecord] = []
        let clock = ContinuousClock()
        let end = clock.now.advanced(by: timeout)
        while letters.count < count, clock.now < end {
            for case .record(let record) in try await reader.pollBatch(maxEvents: 100, timeout: .milliseconds(200)) {
                letters.append(record)
            }
        }
        try await reader.close()
        return letters
    }
}
