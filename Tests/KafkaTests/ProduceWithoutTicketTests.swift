@_spi(Testing) import Kafka
import Testing

/// Records queued without a delivery ticket, on librdkafka's mock cluster (whose broker can be
/// made to refuse a produce request): nothing reports them one by one, yet a failed delivery is
/// never lost.
@Suite("Producing without a ticket (mock cluster)", .timeLimit(.minutes(1)))
struct ProduceWithoutTicketTests {
    /// Kafka's INVALID_RECORD: the broker refuses the batch for good (not retried).
    private static let invalidRecord: Int32 = 87

    @Test("records produced without a ticket are delivered")
    func delivered() async throws {
        let cluster = try KafkaMockCluster(logger: testLogger)
        try cluster.createTopic("pmo.unticketed", partitions: 1)
        let producer = try KafkaProducer(configuration: KafkaConfiguration(bootstrapServers: cluster.bootstrapServers),
                                         logger: testLogger)
        for index in 0..<50 {
            try await producer.produceWithoutTicket(ProducerRecord(topic: "pmo.unticketed", key: "k", value: [UInt8(index)]))
        }
        try await producer.flush(timeout: .seconds(10))
        let reader = try KafkaConsumer(configuration: KafkaConfiguration(bootstrapServers: cluster.bootstrapServers),
                                       groupID: nil, logger: testLogger)
        #expect(try await reader.watermarks(TopicPartition("pmo.unticketed", 0)).high == 50)
        try await reader.close()
        await producer.close()
    }

    @Test("a refused record produced without a ticket makes the next flush throw, once")
    func failureSurfacesOnFlush() async throws {
        let cluster = try KafkaMockCluster(logger: testLogger)
        try cluster.createTopic("pmo.unticketed", partitions: 1)
        let producer = try KafkaProducer(configuration: KafkaConfiguration(bootstrapServers: cluster.bootstrapServers),
                                         logger: testLogger)
        try await producer.send(ProducerRecord(topic: "pmo.unticketed", key: "k", value: [0]))
        cluster.failNext(.produce, with: [Self.invalidRecord])
        try await producer.produceWithoutTicket(ProducerRecord(topic: "pmo.unticketed", key: "k", value: [1]))
        do {
            try await producer.flush(timeout: .seconds(10))
            Issue.record("the flush did not report the refused record")
        } catch {
            #expect(error.code == Self.invalidRecord, "unexpected error: \(error)")
        }
        // Reported once: the next records and flush are fine.
        try await producer.produceWithoutTicket(ProducerRecord(topic: "pmo.unticketed", key: "k", value: [2]))
        try await producer.flush(timeout: .seconds(10))
        await producer.close()
    }

    @Test("a refused record with a ticket fails its ticket, not the flush")
    func ticketedFailureStaysWithItsTicket() async throws {
        let cluster = try KafkaMockCluster(logger: testLogger)
        try cluster.createTopic("pmo.ticketed", partitions: 1)
        let producer = try KafkaProducer(configuration: KafkaConfiguration(bootstrapServers: cluster.bootstrapServers),
                                         logger: testLogger)
        try await producer.send(ProducerRecord(topic: "pmo.ticketed", key: "k", value: [0]))
        cluster.failNext(.produce, with: [Self.invalidRecord])
        let ticket = try await producer.produce(ProducerRecord(topic: "pmo.ticketed", key: "k", value: [1]))
        try await producer.flush(timeout: .seconds(10))
        await #expect(throws: KafkaError.self) { try await ticket.report }
        await producer.close()
    }

    @Test("in a transaction, a refused record produced without a ticket fails the commit, which requires an abort")
    func failureFailsTheTransaction() async throws {
        let cluster = try KafkaMockCluster(logger: testLogger)
        try cluster.createTopic("pmo.unticketed.txn", partitions: 1)
        let producer = try KafkaProducer(
            configuration: KafkaConfiguration(bootstrapServers: cluster.bootstrapServers,
                                              properties: ["transactional.id": "pmo-unticketed-0"]),
            logger: testLogger)
        try await producer.initTransactions()
        try await producer.beginTransaction()
        try await producer.produceWithoutTicket(ProducerRecord(topic: "pmo.unticketed.txn", key: "k", value: [1]))
        try await producer.flush(timeout: .seconds(10))
        cluster.failNext(.produce, with: [Self.invalidRecord])
        try await producer.produceWithoutTicket(ProducerRecord(topic: "pmo.unticketed.txn", key: "k", value: [2]))
        // The runtime's commit sequence: flush, then the changelog records, then the commit. The
        // transaction reports the failure: nothing more is accepted, and the commit fails.
        try await producer.flush(timeout: .seconds(10))
        #expect(throws: KafkaError.self) {
            try producer.enqueueWithoutTicket(ProducerRecord(topic: "pmo.unticketed.txn", key: "k", value: [3]))
        }
        do {
            try await producer.commitTransaction(timeout: .seconds(10))
            Issue.record("a transaction with a refused record committed")
        } catch {
            #expect(error.requiresAbort, "unexpected error: \(error)")
            #expect(!error.isFatal)
        }
        try await producer.abortTransaction()
        await producer.close()
    }
}
