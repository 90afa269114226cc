@_spi(Testing) import Kafka
import Testing

/// Delivery tickets on librdkafka's mock cluster: every wait on a ticket, however many and
/// whenever made, gets the same outcome (the runtime waits again for a moved record's ticket when
/// a commit's flush is tried again).
@Suite("Delivery tickets (mock cluster)", .timeLimit(.minutes(1)))
struct DeliveryTicketTests {
    @Test("a delivered record's ticket reports the same offset to waits made before and after the delivery")
    func delivered() async throws {
        let (cluster, producer) = try await Self.producerWithOneRecord()
        defer { withExtendedLifetime(cluster) {} }
        let ticket = try await producer.produce(ProducerRecord(topic: "pmo.tickets", key: "k", value: [1]))
        async let first = ticket.report
        async let second = ticket.report
        let (one, two) = try await (first, second)
        let after = try await ticket.report
        #expect([one.offset, two.offset, after.offset] == [1, 1, 1])
        await producer.close()
    }

    @Test("a refused record's ticket throws the broker's error to every wait")
    func refused() async throws {
        let (cluster, producer) = try await Self.producerWithOneRecord()
        cluster.failNext(.produce, with: [44 /* POLICY_VIOLATION */])
        let ticket = try await producer.produce(ProducerRecord(topic: "pmo.tickets", key: "k", value: [1]))
        for _ in 0..<2 {
            do {
                _ = try await ticket.report
                Issue.record("the refused record's ticket reported a delivery")
            } catch let error as KafkaError {
                #expect(error.code == 44, "unexpected error: \(error)")
            }
        }
        await producer.close()
    }

    /// A mock cluster with topic `pmo.tickets`, and a producer that has written its offset 0.
    private static func producerWithOneRecord() async throws -> (KafkaMockCluster, KafkaProducer) {
        let cluster = try KafkaMockCluster(logger: testLogger)
        try cluster.createTopic("pmo.tickets", partitions: 1)
        let producer = try KafkaProducer(configuration: KafkaConfiguration(bootstrapServers: cluster.bootstrapServers),
                                         logger: testLogger)
        _ = try await producer.send(ProducerRecord(topic: "pmo.tickets", key: "k", value: [0]))
        return (cluster, producer)
    }
}
