import Foundation
import Kafka
import Testing

@Suite("Transactions on a broker", TestBroker.enabled, .timeLimit(.minutes(3)))
struct TransactionTests {
    @Test("a transaction's records stay hidden from read_committed consumers until it commits")
    func commitMakesRecordsVisible() async throws {
        let topic = try await TestBroker.createTopic("txn-commit", partitions: 1)
        let producer = try KafkaProducer(
            configuration: TestBroker.configuration(["transactional.id": TestBroker.uniqueName("txn")]),
            logger: testLogger)
        try await producer.initTransactions()
        try await producer.beginTransaction()
        for index in 0..<3 {
            try await producer.send(ProducerRecord(topic: topic, key: "k", value: Array("committed-\(index)".utf8)))
        }
        let reader = try KafkaConsumer(configuration: TestBroker.consumerConfiguration(), groupID: nil, logger: testLogger)
        try reader.assign([TopicPartitionOffset(topic, 0, offset: KafkaOffset.beginning)])
        let (whileOpen, _) = try await reader.collect(records: 1, within: .seconds(3))
        #expect(whileOpen.isEmpty, "records of an open transaction were shown to a read_committed consumer")

        try await producer.commitTransaction()
        let (afterCommit, _) = try await reader.collect(records: 3)
        #expect(afterCommit.map(\.valueString) == ["committed-0", "committed-1", "committed-2"])
        try await reader.close()
        await producer.close()
    }

    @Test("an aborted transaction's records are never shown to read_committed consumers")
    func abortHidesRecords() async throws {
        let topic = try await TestBroker.createTopic("txn-abort", partitions: 1)
        // A long linger keeps the records in the client, so the abort purges them before any
        // reaches the broker (see the known issue below for aborts after delivery).
        let producer = try KafkaProducer(
            configuration: TestBroker.configuration(["transactional.id": TestBroker.uniqueName("txn"), "linger.ms": "3000"]),
            logger: testLogger)
        try await producer.initTransactions()
        try await producer.beginTransaction()
        var tickets: [DeliveryTicket] = []
        for index in 0..<3 {
            tickets.append(try await producer.produce(ProducerRecord(topic: topic, key: "k", value: Array("aborted-\(index)".utf8))))
        }
        try await producer.abortTransaction()
        for ticket in tickets {
            await #expect(throws: KafkaError.self) { try await ticket.report }
        }
        try await producer.beginTransaction()
        try await producer.produce(ProducerRecord(topic: topic, key: "k", value: Array("committed".utf8)))
        try await producer.commitTransaction()
        await producer.close()

        let reader = try KafkaConsumer(configuration: TestBroker.consumerConfiguration(), groupID: nil, logger: testLogger)
        try reader.assign([TopicPartitionOffset(topic, 0, offset: KafkaOffset.beginning)])
        let (records, _) = try await reader.collect(records: 4, within: .seconds(5))
        try await reader.close()
        #expect(records.map(\.valueString) == ["committed"])
    }

    @Test("records aborted after reaching the broker are hidden from read_committed consumers")
    func abortAfterDeliveryHidesRecords() async throws {
        let topic = try await TestBroker.createTopic("txn-abort-late", partitions: 1)
        let producer = try KafkaProducer(
            configuration: TestBroker.configuration(["transactional.id": TestBroker.uniqueName("txn")]), logger: testLogger)
        try await producer.initTransactions()
        try await producer.beginTransaction()
        try await producer.send(ProducerRecord(topic: topic, key: "k", value: Array("aborted".utf8)))
        try await producer.abortTransaction()
        try await producer.beginTransaction()
        try await producer.send(ProducerRecord(topic: topic, key: "k", value: Array("committed".utf8)))
        try await producer.commitTransaction()
        await producer.close()

        let reader = try KafkaConsumer(configuration: TestBroker.consumerConfiguration(), groupID: nil, logger: testLogger)
        try reader.assign([TopicPartitionOffset(topic, 0, offset: KafkaOffset.beginning)])
        let (records, _) = try await reader.collect(records: 2, within: .seconds(5))
        try await reader.close()
        // Kafka lists aborted transactions in Fetch responses and librdkafka drops their records.
        // Tansu 0.6.0 always sends an empty list, so there the aborted record shows up: on the
        // embedded broker the check is a known issue (see the README); on a real cluster it counts.
        if ProcessInfo.processInfo.environment["PMO_EXTERNAL_KAFKA"] == "1" {
            #expect(records.map(\.valueString) == ["committed"])
        } else {
            withKnownIssue("Tansu 0.6.0 sends no aborted-transaction index in Fetch responses", isIntermittent: true) {
                #expect(records.map(\.valueString) == ["committed"])
            }
        }
        #expect(records.last?.valueString == "committed")
    }

    @Test("consumed offsets sent to a transaction are committed with its records, and not when it aborts")
    func offsetsInTransaction() async throws {
        let input = try await TestBroker.createTopic("eos-in", partitions: 1)
        let output = try await TestBroker.createTopic("eos-out", partitions: 1)
        let group = TestBroker.uniqueName("eos")
        let seed = try KafkaProducer(configuration: TestBroker.configuration(), logger: testLogger)
        for index in 0..<4 {
            try await seed.send(ProducerRecord(topic: input, key: "k", value: Array("\(index)".utf8)))
        }
        await seed.close()

        let consumer = try KafkaConsumer(configuration: TestBroker.consumerConfiguration(), groupID: group, logger: testLogger)
        try consumer.subscribe(topics: [input])
        // The long linger keeps the aborted transaction's records in the client, so the abort
        // purges them (Tansu would show them once aborted: see the known issue above).
        let producer = try KafkaProducer(
            configuration: TestBroker.configuration(["transactional.id": TestBroker.uniqueName("eos"), "linger.ms": "3000"]),
            logger: testLogger)
        try await producer.initTransactions()
        let (records, _) = try await consumer.collect(records: 4)
        #expect(records.count == 4)

        // Records 0 and 1: transformed and committed with their offsets.
        try await producer.beginTransaction()
        for record in records[0...1] {
            try await producer.produce(ProducerRecord(topic: output, key: "k", value: Array("out-\(record.valueString!)".utf8)))
        }
        try await producer.sendOffsetsToTransaction([records[1].nextOffset], consumer: consumer)
        try await producer.commitTransaction()

        // Records 2 and 3: aborted, so their offsets must not be committed.
        try await producer.beginTransaction()
        for record in records[2...3] {
            try await producer.produce(ProducerRecord(topic: output, key: "k", value: Array("out-\(record.valueString!)".utf8)))
        }
        try await producer.sendOffsetsToTransaction([records[3].nextOffset], consumer: consumer)
        try await producer.abortTransaction()

        let committed = try await consumer.committed([records[0].topicPartition])
        #expect(committed == [records[1].nextOffset])
        try await consumer.close()
        await producer.close()

        let reader = try KafkaConsumer(configuration: TestBroker.consumerConfiguration(), groupID: nil, logger: testLogger)
        try reader.assign([TopicPartitionOffset(output, 0, offset: KafkaOffset.beginning)])
        let (outputs, _) = try await reader.collect(records: 3, within: .seconds(8))
        try await reader.close()
        #expect(outputs.map(\.valueString) == ["out-0", "out-1"])
    }
}
