import Foundation
import Kafka
import PMOModel
import ServiceRuntime

/// Every event recorded on some topics, read from the beginning to the end (the end as it is when
/// the reading starts) without joining a consumer group, so the services are never disturbed.
enum RecordedTopics {
    /// The decoded events of `topics`, each with its record; records that are not valid events
    /// (the services dead-letter those) are counted in `skipped`. A topic that does not exist is
    /// read as empty.
    static func read(_ topics: [String], session: ClusterSession) async throws -> (events: [DecodedEvent], skipped: Int) {
        let existing = try await session.topics()
        var partitions: [TopicPartitionOffset] = []
        for topic in topics {
            guard let metadata = existing.first(where: { $0.name == topic }) else { continue }
            for partition in 0..<metadata.partitions {
                partitions.append(TopicPartitionOffset(topic, partition, offset: KafkaOffset.beginning))
            }
        }
        guard !partitions.isEmpty else { return ([], 0) }
        let consumer = try assignedConsumer(partitions, session: session, topics: topics)
        var atEnd: Set<TopicPartition> = []
        var events: [DecodedEvent] = []
        var skipped = 0
        let deadline = ContinuousClock.now.advanced(by: .seconds(120))
        while atEnd.count < partitions.count, ContinuousClock.now < deadline {
            let polled: [ConsumerEvent]
            do throws(KafkaError) {
                polled = try await consumer.pollBatch(maxEvents: 500, timeout: .milliseconds(250))
            } catch {
                throw PmoctlError.kafka(error, servers: session.servers, while: "reading \(topics.joined(separator: ", "))")
            }
            for event in polled {
                switch event {
                case .record(let record):
                    atEnd.remove(record.topicPartition)
                    do {
                        events.append(try EventRegistry.standard.decode(record))
                    } catch {
                        skipped += 1
                    }
                case .endOfPartition(let partition, _):
                    atEnd.insert(partition)
                default:
                    break
                }
            }
        }
        try? await consumer.close()
        guard atEnd.count == partitions.count else {
            throw PmoctlError("reading \(topics.joined(separator: ", ")) from \(session.servers) did not reach the end within 120 s")
        }
        return (events, skipped)
    }

    /// A consumer outside any group, assigned `partitions`, stopping at each partition's end.
    private static func assignedConsumer(_ partitions: [TopicPartitionOffset], session: ClusterSession,
                                         topics: [String]) throws -> KafkaConsumer {
        do {
            let consumer = try KafkaConsumer(configuration: session.configuration.merging(["enable.partition.eof": "true"]),
                                             groupID: nil, logger: session.logger)
            try consumer.assign(partitions)
            return consumer
        } catch {
            throw PmoctlError.kafka(error, servers: session.servers, while: "reading \(topics.joined(separator: ", "))")
        }
    }
}
