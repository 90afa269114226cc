@_spi(Testing) import Kafka
import Testing

/// Error paths a real broker cannot be made to produce on cue, on librdkafka's mock cluster.
@Suite("Transaction errors (mock cluster)", .timeLimit(.minutes(2)))
struct MockClusterTransactionTests {
    private func producer(on cluster: KafkaMockCluster, transactionalID: String) throws -> KafkaProducer {
        try KafkaProducer(configuration: KafkaConfiguration(bootstrapServers: cluster.bootstrapServers,
                                                            properties: ["transactional.id": transactionalID]),
                          logger: testLogger)
    }

    @Test("a fenced producer gets a fatal, fenced error")
    func fenced() async throws {
        // Neither Tansu nor the mock cluster fences stale epochs by themselves, so the broker's
        // answer to the commit is injected: PRODUCER_FENCED, as Kafka sends once a newer instance
        // with the same transactional.id has called InitProducerId.
        let cluster = try KafkaMockCluster(logger: testLogger)
        try cluster.createTopic("pmo.fence", partitions: 1)
        let producer = try producer(on: cluster, transactionalID: "pmo-intake-0")
        try await producer.initTransactions()
        try await producer.beginTransaction()
        try await producer.send(ProducerRecord(topic: "pmo.fence", key: "k", value: Array("old".utf8)))
        cluster.failNext(.endTxn, with: [90 /* PRODUCER_FENCED */])
        do {
            try await producer.commitTransaction(timeout: .seconds(10))
            Issue.record("the fenced producer committed")
        } catch {
            #expect(error.isFenced && error.isFatal, "unexpected error: \(error)")
        }
        await producer.close(timeout: .seconds(1))
    }

    @Test("an abortable error requires an abort, after which a new transaction commits")
    func abortableError() async throws {
        let cluster = try KafkaMockCluster(logger: testLogger)
        try cluster.createTopic("pmo.abortable", partitions: 1)
        let producer = try producer(on: cluster, transactionalID: "pmo-monitoring-0")
        try await producer.initTransactions()
        try await producer.beginTransaction()
        try await producer.produce(ProducerRecord(topic: "pmo.abortable", key: "k", value: Array("1".utf8)))
        try await producer.flush()
        // A failure to add a partition to the transaction poisons it.
        cluster.failNext(.addPartitionsToTxn, with: [29 /* TOPIC_AUTHORIZATION_FAILED */])
        try cluster.createTopic("pmo.abortable.other", partitions: 1)
        try await producer.produce(ProducerRecord(topic: "pmo.abortable.other", key: "k2", value: Array("2".utf8)))
        do {
            try await producer.commitTransaction(timeout: .seconds(10))
            Issue.record("a transaction with a failed record committed")
        } catch {
            #expect(error.requiresAbort, "unexpected error: \(error)")
            #expect(!error.isFatal)
        }
        try await producer.abortTransaction()
        try await producer.beginTransaction()
        try await producer.send(ProducerRecord(topic: "pmo.abortable", key: "k", value: Array("3".utf8)))
        try await producer.commitTransaction()
        await producer.close()
    }

    @Test("a retriable commit error is reported as retriable")
    func retriableCommit() async throws {
        let cluster = try KafkaMockCluster(logger: testLogger)
        try cluster.createTopic("pmo.retriable", partitions: 1)
        let producer = try producer(on: cluster, transactionalID: "pmo-change-0")
        try await producer.initTransactions()
        try await producer.beginTransaction()
        try await producer.send(ProducerRecord(topic: "pmo.retriable", key: "k", value: Array("1".utf8)))
        // EndTxn keeps failing with COORDINATOR_LOAD_IN_PROGRESS longer than the commit may wait.
        cluster.failNext(.endTxn, with: Array(repeating: 14 /* COORDINATOR_LOAD_IN_PROGRESS */, count: 1000))
        do {
            try await producer.commitTransaction(timeout: .seconds(2))
            Issue.record("the commit succeeded although every EndTxn failed")
        } catch {
            #expect(error.isRetriable || error.isTimeout, "unexpected error: \(error)")
        }
        await producer.close(timeout: .seconds(1))
    }
}
