@_spi(Testing) import Kafka
import Testing

/// Waking a consumer's poll from another task: the processing loop's commits run off the loop
/// and wake its poll when they end, so that the partition's waiting records go on at once.
@Suite("Waking a consumer's poll (mock cluster)", .timeLimit(.minutes(1)))
struct ConsumerWakeUpTests {
    @Test("a poll waiting with a long timeout returns at once when woken; a wake-up with no poll waiting ends the next one")
    func wakeUpEndsThePoll() async throws {
        let cluster = try KafkaMockCluster(logger: testLogger)
        try cluster.createTopic("pmo.wake", partitions: 1)
        let consumer = try KafkaConsumer(configuration: KafkaConfiguration(bootstrapServers: cluster.bootstrapServers),
                                         groupID: nil, logger: testLogger)
        try consumer.assign([TopicPartitionOffset("pmo.wake", 0, offset: KafkaOffset.end)])
        let clock = ContinuousClock()

        let waker = Task {
            try await Task.sleep(for: .milliseconds(300))
            consumer.wakeUp()
        }
        var started = clock.now
        let events = try await consumer.pollBatch(maxEvents: 10, timeout: .seconds(20))
        let woken = clock.now - started
        try await waker.value
        #expect(events.allSatisfy { if case .record = $0 { false } else { true } })
        #expect(woken < .seconds(10), "the poll waited \(woken) although it was woken after 300 ms")

        consumer.wakeUp()
        started = clock.now
        _ = try await consumer.pollBatch(maxEvents: 10, timeout: .seconds(20))
        let next = clock.now - started
        #expect(next < .seconds(10), "a wake-up given while no poll waited did not end the next one (\(next))")
        try await consumer.close()
    }
}
