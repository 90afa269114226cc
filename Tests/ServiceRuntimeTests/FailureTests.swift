import Foundation
@_spi(Testing) import Kafka
import PMOModel
import ServiceRuntime
import Testing

@Suite("Failures the runtime must survive", CounterHarness.enabled, .serialized, .timeLimit(.minutes(5)))
struct FailureTests {
    @Test("two instances share the partitions; when one is killed the other takes over with its state")
    func scaleOutAndFailover() async throws {
        let harness = try CounterHarness("failover")
        try await harness.createTopics()
        let first = try harness.start(instance: "a")
        let second = try harness.start(instance: "b")
        defer { first.stop(); second.stop() }
        var expected = try await harness.publishRequests(4000, keys: 60)
        let early = try await harness.readOutputs(distinct: 4000)
        #expect(Set(early.map(\.id)).count == 4000)
        // Both instances own partitions before the failover (their /readyz lists them).
        try await harness.waitForAssignment(of: [first, second])

        first.signal(SIGKILL)
        _ = await first.waitForExit(timeout: .seconds(10))
        let more = try await harness.publishRequests(4000, keys: 60, first: 4000)
        expected.merge(more, uniquingKeysWith: +)
        let outputs = try await harness.readOutputs(distinct: 8000)
        let (copies, problems) = harness.verifyExactlyOnce(outputs, expected: expected)
        #expect(problems.isEmpty, "\(problems.prefix(10))\n\(second.output.suffix(3000))")
        print("failover test: \(outputs.count) records read, \(copies) copies of aborted records (same ce_id)")
        // The survivor took the killed instance's partitions over: it owns every one, ready
        // (restored); the sequences checked above show that it continued from their state.
        try await harness.waitForAssignment(of: [second])
    }

    @Test("poison records go to the dead letters with their origin, and the records after them are processed")
    func poisonRecords() async throws {
        let harness = try CounterHarness("poison")
        try await harness.createTopics()
        let instance = try harness.start(instance: "a")
        defer { instance.stop() }
        let producer = try KafkaProducer(configuration: harness.kafka, logger: harnessLogger)
        try await producer.send(try CounterHarness.request(key: "key-0", id: "good-1", topic: harness.inputTopic))
        let good = try CounterHarness.request(key: "key-0", id: "x", topic: harness.inputTopic)
        var notJSON = good
        notJSON.value = Array("amount=1".utf8)
        notJSON.headers = try headers(id: "bad-1", type: "pmo.test.count.requested.v1", key: "key-0")
        var wrongSchema = good
        wrongSchema.value = Array(#"{"key":"key-0","amount":"one"}"#.utf8)
        wrongSchema.headers = try headers(id: "bad-2", type: "pmo.test.count.requested.v1", key: "key-0")
        var unknownType = good
        unknownType.headers = try headers(id: "bad-3", type: "pmo.test.count.doubled.v1", key: "key-0")
        var noHeaders = good
        noHeaders.headers = []
        for record in [notJSON, wrongSchema, unknownType, noHeaders] {
            try await producer.send(record)
        }
        try await producer.send(try CounterHarness.request(key: "key-0", id: "good-2", topic: harness.inputTopic))
        await producer.close()

        let outputs = try await harness.readOutputs(distinct: 2)
        #expect(outputs.map(\.sequence) == [1, 2], "records after the poison ones must be processed")

        let reader = try KafkaConsumer(configuration: harness.kafka, groupID: nil, logger: harnessLogger)
        try reader.assign([TopicPartitionOffset("pmo.\(harness.name).dlq", 0, offset: KafkaOffset.beginning)])
        var letters: [ConsumerRecord] = []
        let clock = ContinuousClock()
        let end = clock.now.advanced(by: .seconds(30))
        while letters.count < 4, clock.now < end {
            for case .record(let record) in try await reader.pollBatch(maxEvents: 100, timeout: .milliseconds(200)) {
                letters.append(record)
            }
        }
        try await reader.close()
        #expect(letters.map { $0.headers.string("pmo_dlq_error_class") } == ["not-json", "schema-mismatch", "unknown-event-type", "envelope"])
        for letter in letters {
            let origin = try DeadLetter(headers: letter.headers.map(RecordHeader.init))
            #expect(origin.originalTopic == harness.inputTopic)
            #expect(origin.service == harness.name)
            #expect(origin.originalOffset >= 1 && origin.originalOffset <= 4)
            #expect(!origin.errorMessage.isEmpty)
        }
        #expect(letters.first?.value == Array("amount=1".utf8), "the rejected record is kept unchanged")
        #expect(letters.dropFirst().first?.headers.string("pmo_dlq_error_message")?.contains("/amount") == true)
    }

    @Test("the broker frozen mid-stream, for less and for more than the call timeout: the instance recovers by itself, nothing lost or doubled",
          .enabled(if: ProcessInfo.processInfo.environment["PMO_EXTERNAL_KAFKA"] != "1", "a real cluster cannot be frozen"))
    func brokerFrozen() async throws {
        // A broker of its own (scripts/test.sh starts it), so that other suites do not freeze too.
        let environment = ProcessInfo.processInfo.environment
        let pidText = environment["PMO_FREEZE_BROKER_PID"] ?? ""
        let brokerPID = try #require(Int32(pidText), "PMO_FREEZE_BROKER_PID must name the freeze test's own broker (scripts/test.sh starts it); got '\(pidText)'")
        let bootstrap = try #require(environment["PMO_FREEZE_BOOTSTRAP_SERVERS"], "PMO_FREEZE_BOOTSTRAP_SERVERS is not set")
        let harness = CounterHarness("freeze", bootstrap: bootstrap)
        try await harness.createTopics()
        // Every transactional call gives up after 3 s: the long freeze makes commits time out
        // and be retried, the short one only delays them.
        let instance = try harness.start(instance: "a", extra: ["--call-timeout-ms", "3000"])
        defer {
            kill(brokerPID, SIGCONT)
            instance.stop()
        }
        try await harness.waitForAssignment(of: [instance])
        var expected = try await harness.publishRequests(10000, keys: 40)
        _ = try await harness.readOutputs(distinct: 1000)
        try await freeze(broker: brokerPID, for: .seconds(10), harness: harness)
        expected.merge(try await harness.publishRequests(1000, keys: 40, first: 10000), uniquingKeysWith: +)
        try await freeze(broker: brokerPID, for: .seconds(2), harness: harness)
        let outputs = try await harness.readOutputs(distinct: 11000, timeout: .seconds(180))
        let (copies, problems) = harness.verifyExactlyOnce(outputs, expected: expected)
        #expect(problems.isEmpty, "\(problems.prefix(10))\n\(instance.output.suffix(3000))")
        #expect(instance.isRunning, "the instance must recover by itself: \(instance.output.suffix(2000))")
        let health = await instance.get("/healthz")
        #expect(health?.status == 200, "healthy again after the freezes: \(String(describing: health))")
        // The long freeze hit work in flight: some records were committed more than 5 s (longer
        // than a call may take) after they were published.
        let slow = await slowRecords(of: instance, over: 5)
        #expect((slow ?? 0) > 0, "no record waited through the 10 s freeze: it did not hit the stream (\(String(describing: slow)))")
        print("freeze test: \(outputs.count) records read, \(copies) copies of aborted records (same ce_id), "
              + "\(slow.map { String(Int($0)) } ?? "?") records committed more than 5 s after they were published")
    }

    /// How many records `instance` committed more than `seconds` after they were published
    /// (its latency histogram's count minus the bucket `le` = `seconds`); nil if it cannot tell.
    private func slowRecords(of instance: ServiceProcess, over seconds: Double) async -> Double? {
        guard let count = await instance.metric("pmo_processing_latency_seconds_count") else { return nil }
        guard let body = await instance.get("/metrics")?.body else { return nil }
        let bucket = body.split(separator: "\n").first { line in
            guard line.hasPrefix("pmo_processing_latency_seconds_bucket{"),
                  let le = line.split(separator: "le=\"").last?.prefix(while: { $0 != "\"" }) else { return false }
            return Double(le) == seconds
        }
        return bucket?.split(separator: " ").last.flatMap { Double($0) }.map { count - $0 }
    }

    /// Freezes the embedded broker (SIGSTOP) for `duration` and resumes it (SIGCONT). Fails the
    /// test unless the broker answered a metadata request before and stopped answering once frozen.
    private func freeze(broker pid: Int32, for duration: Duration, harness: CounterHarness) async throws {
        let answeredBefore = await brokerAnswers(harness)
        try #require(answeredBefore, "the broker does not answer even before it is frozen")
        let clock = ContinuousClock()
        let frozen = clock.now
        try #require(kill(pid, SIGSTOP) == 0, "cannot stop the broker (pid \(pid)): errno \(errno)")
        let answered = await brokerAnswers(harness)
        try await Task.sleep(until: frozen.advanced(by: duration))
        let resumed = kill(pid, SIGCONT)
        try #require(!answered, "the broker (pid \(pid)) still answered while it should have been frozen")
        try #require(resumed == 0, "cannot resume the broker (pid \(pid)): errno \(errno)")
    }

    /// Whether the broker answers a metadata request within a second.
    private func brokerAnswers(_ harness: CounterHarness) async -> Bool {
        guard let admin = try? KafkaAdmin(configuration: harness.kafka, logger: harnessLogger) else { return false }
        return (try? await admin.listTopics(timeout: .seconds(1))) != nil
    }

    @Test("graceful shutdown commits and leaves the group: the next instance gets the partitions before the session would expire, and starts from the committed offsets")
    func gracefulShutdown() async throws {
        let harness = try CounterHarness("shutdown")
        try await harness.createTopics()
        // The first instance has a 30 s session: had it gone without leaving the group, the
        // coordinator would keep its partitions until 30 s after its last heartbeat, before
        // giving them to the next instance.
        let session = Duration.seconds(30)
        let first = try harness.start(instance: "a", extra: ["--kafka-property", "session.timeout.ms=30000"])
        defer { first.stop() }
        try await harness.waitForAssignment(of: [first])
        var expected = try await harness.publishRequests(2000, keys: 20)
        _ = try await harness.readOutputs(distinct: 2000)
        first.signal(SIGTERM)
        let status = await first.waitForExit(timeout: .seconds(30))
        let clock = ContinuousClock()
        let exited = clock.now
        #expect(status == 0, "\(first.output.suffix(2000))")
        #expect(first.output.contains("shutting down"))

        let more = try await harness.publishRequests(500, keys: 20, first: 2000)
        expected.merge(more, uniquingKeysWith: +)
        let second = try harness.start(instance: "b")
        defer { second.stop() }
        try await harness.waitForAssignment(of: [second], timeout: .seconds(90))
        let takeover = clock.now - exited
        print("graceful shutdown test: the next instance owned every partition \(takeover) after the first one exited")
        // The group was left, not timed out. The embedded broker takes about half a session to
        // complete a join (some 16 s here); without the leave the partitions could not move before
        // the first instance's session expired (30 s), so 25 s tells the two apart.
        #expect(takeover < session - .seconds(5), "the next instance waited \(takeover) for the partitions: was the group left?")
        let outputs = try await harness.readOutputs(distinct: 2500)
        let (copies, problems) = harness.verifyExactlyOnce(outputs, expected: expected)
        #expect(problems.isEmpty, "\(problems.prefix(10))")
        #expect(copies == 0, "after a graceful shutdown nothing may be processed twice")
        #expect(outputs.count == 2500)
    }

    private func headers(id: String, type: String, key: String) throws -> [KafkaHeader] {
        try CloudEventAttributes(id: id, source: "/test/harness", type: type, time: Date(), subject: key)
            .headers().map(KafkaHeader.init)
    }
}

@Suite("Time-driven work", CounterHarness.enabled, .timeLimit(.minutes(3)))
struct TimeDrivenWorkTests {
    @Test("a tick's output is emitted once: not once per instance, not again after a restart")
    func onceAcrossInstancesAndRestarts() async throws {
        let harness = try CounterHarness("tick")
        try await harness.createTopics()
        let options = ["--idle-after-s", "2", "--tick-interval-s", "0.5"]
        let first = try harness.start(instance: "a", extra: options)
        let second = try harness.start(instance: "b", extra: options)
        defer { first.stop(); second.stop() }
        let keys = (0..<8).map { "key-\($0)" }
        let owned = try await harness.waitForAssignment(of: [first, second])
        _ = try await harness.publishRequests(40, keys: 8)
        _ = try await harness.readOutputs(distinct: 40)
        var reports = try await harness.readIdleReports(window: .seconds(6))
        #expect(Set(reports.map(\.key)) == Set(keys), "every key is reported idle")
        #expect(reports.count == 8, "one report per key, not one per instance: \(reports.map(\.id))")

        // The restart must move keys: the killed instance owns some of them, whose state (and
        // what it reported) the next owner restores from the changelog.
        let moved = keys.filter { owned[0].contains(harness.partition(of: $0)) }
        try #require(!moved.isEmpty, "the instance to kill owns none of the keys (partitions \(owned))")
        first.signal(SIGKILL)
        _ = await first.waitForExit(timeout: .seconds(10))
        let restarted = try harness.start(instance: "a", extra: options)
        defer { restarted.stop() }
        try await harness.waitForAssignment(of: [restarted, second], timeout: .seconds(90))
        try await Task.sleep(for: .seconds(3))  // six ticks on the restored state
        reports = try await harness.readIdleReports(window: .seconds(2))
        // Records are counted, not ids: a copy of a report under the same id is a re-emission.
        // It cannot be a leaked aborted record (the embedded broker shows records of transactions
        // aborted after they reached it): every report was read above, so its transaction had
        // ended (the broker hides open ones), and an aborted one would have rolled its key back and
        // been emitted again, making that count 9. After that a tick has nothing to emit, so the
        // killed instance had no transaction holding a report for the next owner to abort, and
        // nothing is produced to abort after the restart unless a report is (wrongly) emitted again.
        let ids = Dictionary(grouping: reports, by: \.id).mapValues(\.count)
        #expect(reports.count == 8, "restored state remembers what was reported (moved keys \(moved)); reports per id: \(ids)")
        #expect(Set(reports.map(\.key)) == Set(keys))
    }
}

/// Errors a real broker cannot be made to return on cue, injected by librdkafka's mock cluster
/// into a running instance.
@Suite("Transaction errors in a running instance (mock cluster)", .timeLimit(.minutes(3)))
struct TransactionErrorTests {
    @Test("a fenced producer makes the instance exit non-zero, so that the orchestrator restarts it")
    func fencedInstanceExits() async throws {
        // librdkafka's mock cluster answers the commit with PRODUCER_FENCED, as Kafka does once
        // another instance has taken the partition's transactional id.
        let (instance, status, unhealthy) = try await runUntilExit("fatal", failing: .endTxn, with: 90 /* PRODUCER_FENCED */)
        #expect(status != nil && status != 0, "the fenced instance must exit non-zero: \(instance.output.suffix(3000))")
        #expect(instance.output.contains("cannot continue: commit failed"), "\(instance.output.suffix(3000))")
        #expect(instance.output.contains("_FENCED (-144)") && instance.output.contains("[fatal, fenced]"),
                "the injected error must arrive fenced and fatal: \(instance.output.suffix(3000))")
        print("fenced test: exit status \(status.map(String.init) ?? "none"), "
              + "/healthz before the exit: \(unhealthy.map { "\($0.status) \($0.body)" } ?? "never seen failing")")
    }

    @Test("a fenced error that is not fatal (PRODUCER_FENCED on the offsets commit) makes the instance exit non-zero")
    func fencedButNotFatalExits() async throws {
        // librdkafka treats PRODUCER_FENCED in a TxnOffsetCommit response as an abortable error
        // (_FENCED, "requires abort", not fatal): only the runtime's own fencing check keeps the
        // instance from aborting and carrying on as a zombie of a partition it no longer owns.
        let (instance, status, unhealthy) = try await runUntilExit("fenced", failing: .txnOffsetCommit,
                                                                  with: 90 /* PRODUCER_FENCED */)
        #expect(status != nil && status != 0, "the fenced instance must exit non-zero: \(instance.output.suffix(3000))")
        #expect(instance.output.contains("[fenced, abort transaction]"),
                "the injected error must arrive fenced and not fatal: \(instance.output.suffix(3000))")
        #expect(instance.output.contains("cannot continue: sendOffsets failed"), "\(instance.output.suffix(3000))")
        print("fenced-not-fatal test: exit status \(status.map(String.init) ?? "none"), "
              + "/healthz before the exit: \(unhealthy.map { "\($0.status) \($0.body)" } ?? "never seen failing")")
    }

    @Test("an abortable error aborts the transaction and rewinds: nothing is lost or doubled")
    func abortableErrorRewinds() async throws {
        let (cluster, instance, input, output) = try await MockClusterCounter.start("abort")
        defer { instance.stop() }
        // The first partitions the instance adds to a transaction are refused: the transaction
        // cannot commit and must be aborted.
        cluster.failNext(.addPartitionsToTxn, with: [29 /* TOPIC_AUTHORIZATION_FAILED */])
        let producer = try KafkaProducer(configuration: KafkaConfiguration(bootstrapServers: cluster.bootstrapServers),
                                         logger: harnessLogger)
        for index in 0..<20 {
            try await producer.send(try CounterHarness.request(key: "key-0", id: "abort-\(index)", topic: input))
        }
        await producer.close()

        let sequences = try await MockClusterCounter.readSequences(cluster, output: output, count: 20, timeout: .seconds(60),
                                                                  settle: .seconds(1))
        #expect(sequences == Array(1...20), "\(instance.output.suffix(3000))")
        let aborted = await instance.metric("pmo_transactions_total", labels: [#"result="aborted""#])
        #expect((aborted ?? 0) >= 1, "the injected error never made a transaction abort: \(instance.output.suffix(2000))")
        #expect(instance.isRunning)
        #expect(await instance.get("/healthz")?.status == 200, "\(instance.output.suffix(2000))")
    }

    @Test("a moved record whose transaction aborts after the move is moved again and counted once")
    func movedAgainAfterAnAbort() async throws {
        // The move is acknowledged before the offsets are sent; sending them is refused, so the
        // transaction aborts after the move. Once: partition 1's commit, of the moved copy, is due
        // later than partition 4's; a second refusal would often reach it after its output was
        // written, and the mock cluster, like Tansu, shows aborted records (a copy of the output).
        let run = try await moveOneRecord("moved-abort", failing: .txnOffsetCommit,
                                          with: [30] /* GROUP_AUTHORIZATION_FAILED */)
        #expect(run.sequences == [1], "\(run.output)")
        #expect(run.aborted >= 1 && run.moved >= 2, "the move was never undone by an abort: \(run.aborted) aborted, \(run.moved) moved")
        #expect(run.skipped == run.moved - 1, "every copy after the first is recognised: \(run.moved) moved, \(run.skipped) skipped")
    }

    @Test("a move the broker refuses aborts the transaction: the record is moved again and counted once")
    func refusedMoveAborts() async throws {
        // The first produce is the test's own record (0: it succeeds); the move's is the next.
        let run = try await moveOneRecord("moved-refused", failing: .produce, with: [0, 44 /* POLICY_VIOLATION */])
        #expect(run.sequences == [1], "\(run.output)")
        #expect(run.aborted >= 1 && run.moved >= 2, "the refused move did not abort: \(run.aborted) aborted, \(run.moved) moved")
        #expect(run.healthy, "\(run.output)")
    }

    /// Starts the counter on a mock cluster, puts one record of a partition-1 key in partition 4,
    /// answers the next `request`s with `errors` in turn, and reads the counter's outputs.
    private func moveOneRecord(_ label: String, failing request: KafkaMockCluster.Request, with errors: [Int32]) async throws
        -> (sequences: [Int], aborted: Double, moved: Double, skipped: Double, healthy: Bool, output: String)
    {
        let (cluster, instance, input, output) = try await MockClusterCounter.start(label)
        defer { instance.stop() }
        let key = try #require((0..<200).map { "key-\($0)" }.first {
            Partitioner.murmur2.partition(of: Array($0.utf8), partitions: 6) == 1
        })
        let producer = try KafkaProducer(configuration: KafkaConfiguration(bootstrapServers: cluster.bootstrapServers),
                                         logger: harnessLogger)
        var misplaced = try CounterHarness.request(key: key, id: "\(label)-1", topic: input)
        misplaced.partition = 4
        // Queued before the record is sent, so that every request made after it is answered.
        cluster.failNext(request, with: errors)
        try await producer.send(misplaced)
        await producer.close()

        // The settling read is long enough for a second copy to be processed.
        let sequences = try await MockClusterCounter.readSequences(cluster, output: output, count: 1, timeout: .seconds(30),
                                                                  settle: .seconds(3))
        return (sequences,
                await instance.metric("pmo_transactions_total", labels: [#"result="aborted""#]) ?? 0,
                await instance.metric("pmo_records_rerouted_total") ?? 0,
                await instance.metric("pmo_duplicates_skipped_total") ?? 0,
                await instance.get("/healthz")?.status == 200,
                String(instance.output.suffix(3000)))
    }

    /// Starts the counter on a mock cluster, makes the next `request` fail with `error`, sends one
    /// count request, and watches `/healthz` until the instance exits (a minute at most). The
    /// instance is stopped on return; its output stays readable.
    private func runUntilExit(_ label: String, failing request: KafkaMockCluster.Request, with error: Int32) async throws
        -> (instance: ServiceProcess, status: Int32?, unhealthy: EndpointReply?)
    {
        let (cluster, instance, input, _) = try await MockClusterCounter.start(label)
        defer { instance.stop() }
        cluster.failNext(request, with: [error])
        let producer = try KafkaProducer(configuration: KafkaConfiguration(bootstrapServers: cluster.bootstrapServers),
                                         logger: harnessLogger)
        try await producer.send(try CounterHarness.request(key: "key-1", id: "\(label)-1", topic: input))
        await producer.close()
        let (status, unhealthy) = await instance.healthUntilExit(timeout: .seconds(60))
        return (instance, status, unhealthy)
    }
}
