@_spi(Testing) import Kafka
import Testing

/// The consumer gives the records of one topic in a batch one shared topic name; each record
/// must still carry its own topic's name, on librdkafka's mock cluster.
@Suite("Topic names of consumed records (mock cluster)", .timeLimit(.minutes(1)))
struct ConsumerTopicNamesTests {
    @Test("records of several topics read in the same batches carry the name of their own topic")
    func namesPerTopic() async throws {
        let cluster = try KafkaMockCluster(logger: testLogger)
        let topics = ["pmo.a", "pmo.status.reports.with.a.rather.long.name", "pmo.status.reports.with.a.rather.long.nam"]
        for topic in topics { try cluster.createTopic(topic, partitions: 2) }
        let configuration = KafkaConfiguration(bootstrapServers: cluster.bootstrapServers)
        let producer = try KafkaProducer(configuration: configuration, logger: testLogger)
        for index in 0..<90 {
            let topic = topics[index % 3]
            try await producer.produceWithoutTicket(ProducerRecord(topic: topic, key: "k\(index % 7)", value: Array(topic.utf8)))
        }
        try await producer.flush(timeout: .seconds(10))
        await producer.close()

        let consumer = try KafkaConsumer(configuration: configuration, groupID: nil, logger: testLogger)
        try consumer.assign(topics.flatMap { topic in (0..<2).map { TopicPartitionOffset(topic, $0, offset: KafkaOffset.beginning) } })
        let (records, _) = try await consumer.collect(records: 90, within: .seconds(20))
        try await consumer.close()
        #expect(records.count == 90)
        #expect(records.allSatisfy { $0.value == Array($0.topic.utf8) })
        #expect(Dictionary(grouping: records, by: \.topic).mapValues(\.count) == Dictionary(uniqueKeysWithValues: topics.map { ($0, 30) }))
    }
}
