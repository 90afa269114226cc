import Kafka

/// The next offset after the records seen, per input partition: what a poll batch read, or what
/// the open transaction consumed. Kept in a short list (one entry per input partition, a handful
/// per task) and found by comparing names, so that noting a record hashes nothing.
@usableFromInline struct NextOffsets: Sendable {
    /// Each partition seen, in the order first seen, with the offset after its last record.
    @usableFromInline var entries: [(partition: TopicPartition, next: Int64)] = []

    @inlinable init() {}

    /// Notes a record: its partition's next offset becomes the one after it, if that is later.
    @inlinable mutating func note(_ record: ConsumerRecord) {
        let next = record.offset + 1
        if let index = entries.firstIndex(where: { $0.partition.partition == record.partition && $0.partition.topic == record.topic }) {
            entries[index].next = max(entries[index].next, next)
        } else {
            entries.append((record.topicPartition, next))
        }
    }

    /// The next offset of each partition seen.
    @inlinable var byPartition: [TopicPartition: Int64] {
        Dictionary(uniqueKeysWithValues: entries.lazy.map { ($0.partition, $0.next) })
    }
}
