import Foundation
import Kafka
import PMOModel

/// The outputs of a partition's open transaction bound for coalesced topics
/// (``EventProcessor/coalescedTopics``): for each topic and key only the last, held until the
/// commit, which encodes and writes them in the order their last versions arrived.
///
/// An output replaced here is one a compacted topic would have dropped anyway and that no
/// `read_committed` reader could have seen before its successor; it was checked against the
/// contracts when it was emitted (so a broken one is a dead letter of its input whatever
/// follows it), but it is never encoded, nor its size checked. At most
/// one output is held per topic and key, so a transaction holds no more than it has distinct
/// keys (its inputs are bounded by the commit count). An abort forgets them with the rest of
/// the transaction.
@usableFromInline struct LatestRecords {
    /// Where an output goes: a later output for the same slot replaces it.
    @usableFromInline struct Slot: Hashable, Sendable {
        @usableFromInline var topic: String
        /// The record key (the event's record key, as ``EventRegistry`` writes it).
        @usableFromInline var key: [UInt8]?

        @inlinable init(topic: String, key: [UInt8]?) {
            self.topic = topic
            self.key = key
        }
    }

    /// An output as it is held: encoded and checked already (while a transaction checks each
    /// input), or the event with what encoding it needs.
    @usableFromInline enum Output {
        case encoded(ProducerRecord)
        case deferred(DeferredOutput)
    }

    /// An emitted event held unencoded: its id, topic and time, and how its record is stamped
    /// with the trace context of the step that emitted it.
    @usableFromInline struct DeferredOutput {
        @usableFromInline var emission: Emission
        @usableFromInline var id: String
        @usableFromInline var topic: String
        @usableFromInline var time: Date
        @usableFromInline var stamp: (ProducerRecord) -> ProducerRecord

        @inlinable init(emission: Emission, id: String, topic: String, time: Date,
                        stamp: @escaping (ProducerRecord) -> ProducerRecord) {
            self.emission = emission
            self.id = id
            self.topic = topic
            self.time = time
            self.stamp = stamp
        }
    }

    /// Each slot's output and the arrival number of that version.
    @usableFromInline var held: [Slot: (arrival: Int, output: Output)] = [:]
    /// The next arrival number.
    @usableFromInline var arrivals = 0

    @inlinable init() {}

    /// Holds an encoded record, replacing what is held for its topic and key.
    @inlinable mutating func hold(_ record: ProducerRecord) {
        hold(.encoded(record), in: Slot(topic: record.topic, key: record.key))
    }

    /// Holds an event to encode at the commit, replacing what is held for its topic and key.
    @inlinable mutating func hold(_ output: DeferredOutput) {
        hold(.deferred(output), in: Slot(topic: output.topic, key: Array(output.emission.event.recordKey.utf8)))
    }

    @inlinable mutating func hold(_ output: Output, in slot: Slot) {
        held[slot] = (arrivals, output)
        arrivals += 1
    }

    /// Whether nothing is held.
    @inlinable var isEmpty: Bool { held.isEmpty }

    /// How many outputs are held.
    @inlinable var count: Int { held.count }

    /// The outputs held, in the order their held versions arrived.
    @inlinable var outputs: [Output] {
        held.values.sorted { $0.arrival < $1.arrival }.map(\.output)
    }

    /// Forgets every output held (the transaction committed them or aborted).
    @inlinable mutating func removeAll() {
        held.removeAll(keepingCapacity: true)
        arrivals = 0
    }
}
