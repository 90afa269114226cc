import Kafka

/// The outputs of a partition's open transaction bound for coalesced topics
/// (``EventProcessor/coalescedTopics``): for each topic, partition and key only the last record,
/// held until the commit, which writes them in the order their last versions arrived.
///
/// A record replaced here is one a compacted topic would have dropped anyway and that no
/// `read_committed` reader could have seen before its successor. At most one record is held per
/// topic, partition and key, so a transaction holds no more records than it has distinct keys
/// (its inputs are bounded by the commit count), each already checked against the record size
/// limit. An abort forgets them with the rest of the transaction.
@usableFromInline struct LatestRecords: Sendable {
    /// Where a record goes: a later record for the same slot replaces it.
    @usableFromInline struct Slot: Hashable, Sendable {
        @usableFromInline var topic: String
        @usableFromInline var partition: Int32?
        @usableFromInline var key: [UInt8]?

        @inlinable init(_ record: ProducerRecord) {
            topic = record.topic
            partition = record.partition
            key = record.key
        }
    }

    /// Each slot's record and the arrival number of that version.
    @usableFromInline var held: [Slot: (arrival: Int, record: ProducerRecord)] = [:]
    /// The next arrival number.
    @usableFromInline var arrivals = 0

    @inlinable init() {}

    /// Holds `record`, replacing the one held for its topic, partition and key.
    @inlinable mutating func hold(_ record: ProducerRecord) {
        held[Slot(record)] = (arrivals, record)
        arrivals += 1
    }

    /// Whether nothing is held.
    @inlinable var isEmpty: Bool { held.isEmpty }

    /// How many records are held.
    @inlinable var count: Int { held.count }

    /// The records held, in the order their held versions arrived.
    @inlinable var records: [ProducerRecord] {
        held.values.sorted { $0.arrival < $1.arrival }.map(\.record)
    }

    /// Forgets every record held (the transaction committed them or aborted).
    @inlinable mutating func removeAll() {
        held.removeAll(keepingCapacity: true)
        arrivals = 0
    }
}
