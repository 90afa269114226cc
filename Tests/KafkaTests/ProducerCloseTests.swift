@_spi(Testing) import Kafka
import Synchronization
import Testing

/// Closing a producer with records still in flight, on librdkafka's mock cluster (whose broker
/// can be made to hold its answers).
@Suite("Closing a producer (mock cluster)", .timeLimit(.minutes(1)))
struct ProducerCloseTests {
    @Test("a record still in flight when the producer closes gets an answer: its ticket fails, it never hangs")
    func purgedTicketsComplete() async throws {
        let cluster = try KafkaMockCluster(logger: testLogger)
        try cluster.createTopic("pmo.close", partitions: 1)
        let producer = try KafkaProducer(configuration: KafkaConfiguration(bootstrapServers: cluster.bootstrapServers),
                                         logger: testLogger)
        try await producer.send(ProducerRecord(topic: "pmo.close", key: "k", value: [1]))
        // The broker now holds every answer for 20 s: the next record is still in flight at close
        // even on a starved machine (with 3 s, a CI run whose suites all started at once took
        // longer than that to reach the close, and the record was delivered).
        try cluster.delayResponses(by: .seconds(20))
        let ticket = try producer.enqueue(ProducerRecord(topic: "pmo.close", key: "k", value: [2]))
        try await Task.sleep(for: .milliseconds(300))
        await producer.close(timeout: .milliseconds(500))

        let answer = Mutex<String?>(nil)
        let waiter = Task {
            do {
                _ = try await ticket.report
                answer.withLock { $0 = "delivered" }
            } catch {
                answer.withLock { $0 = "failed: \(error)" }
            }
        }
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: .seconds(10))
        while answer.withLock({ $0 }) == nil, clock.now < deadline { try await Task.sleep(for: .milliseconds(50)) }
        let outcome = answer.withLock { $0 }
        #expect(outcome != nil, "the ticket of a record purged in flight never completed")
        #expect(outcome?.hasPrefix("failed") == true, "\(outcome ?? "no answer")")
        waiter.cancel()
    }
}
