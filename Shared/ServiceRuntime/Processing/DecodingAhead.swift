import Kafka
import PMOModel
import Synchronization

/// Decodes consumed records on another thread while they wait in their partition's input merge,
/// so that the loop's thread, the one every record waits for, does not spend its time decoding
/// (a status report's decoding is about a fifth of the monitoring loop's time). Decoding is
/// pure: a record's decoding depends on its key, headers and value only, so whichever thread
/// makes it, the loop applies the same event.
///
/// After each poll the loop hands over the records it put in its merges (``decode(_:)``); a task
/// decodes them in order. When the loop applies a record it takes the record's decoding
/// (``decoding(of:)``) if it is ready and was made from the same bytes; otherwise it decodes the
/// record itself, as it did before, and the other task skips it. So the loop never waits for the
/// other task, and a record handed over again after a rewind, or not handed over at all, is
/// decoded as it always was. Decodings of records the loop will not apply (their partition was
/// revoked or rewound) are dropped with ``forget(_:)``; at most `limit` records wait for their
/// decoding to be taken, beyond which the loop decodes what it reads itself.
@usableFromInline final class DecodingAhead: Sendable {
    /// Where one record's decoding is.
    @usableFromInline enum Slot: Sendable {
        /// Not started: whichever side comes first decodes it.
        case waiting(ConsumerRecord)
        /// The other task is decoding it.
        case decoding
        /// Decoded beside the loop, from `record`.
        case decoded(ConsumerRecord, Result<DecodedEvent, ContractError>)
    }

    @usableFromInline let slots = Mutex<[RecordPosition: Slot]>([:])
    @usableFromInline let translation: RecordTranslation
    @usableFromInline let limit: Int

    /// Decodes with `translation`, for at most `limit` records at a time.
    @inlinable init(translation: RecordTranslation, limit: Int) {
        self.translation = translation
        self.limit = limit
    }

    /// Starts decoding `records` in their order on a task of its own (as many as the limit leaves
    /// room for).
    @inlinable func decode(_ records: [ConsumerRecord]) {
        let handed: [RecordPosition] = slots.withLock { slots in
            var handed: [RecordPosition] = []
            handed.reserveCapacity(min(records.count, max(0, limit - slots.count)))
            for record in records where slots.count < limit {
                let position = Self.position(of: record)
                slots[position] = .waiting(record)
                handed.append(position)
            }
            return handed
        }
        guard !handed.isEmpty else { return }
        Task { [self] in decode(at: Self.inApplyingOrder(handed)) }
    }

    /// `positions` in the order the loop will most likely apply them: partition by partition, as
    /// ``ProcessingLoop/processMerged()`` goes through the merges, each partition's in the order
    /// handed over (the sort is stable). In the order of the poll, which mixes partitions, the
    /// loop reached a quarter of its records before this task had, and decoded them itself.
    @inlinable static func inApplyingOrder(_ positions: [RecordPosition]) -> [RecordPosition] {
        positions.sorted { $0.topicPartition.partition < $1.topicPartition.partition }
    }

    /// The decoding of `record`: the one made beside the loop when it is ready and was made from
    /// the same key, headers and value, else made now.
    @inlinable func decoding(of record: ConsumerRecord) -> Result<DecodedEvent, ContractError> {
        let position = Self.position(of: record)
        let slot = slots.withLock { slots in slots.removeValue(forKey: position) }
        // Consumed, so that the decoding moves out of the slot rather than being copied from it.
        switch consume slot {
        case .decoded(let source, let result) where Self.same(source, record): return result
        default: return translation.decode(record)
        }
    }

    /// Drops what waits for the records of `partitions` (revoked, or rewound to be read again).
    @inlinable func forget(_ partitions: Set<TopicPartition>) {
        guard !partitions.isEmpty else { return }
        slots.withLock { slots in
            slots = slots.filter { !partitions.contains($0.key.topicPartition) }
        }
    }

    /// Drops everything that waits (a rebalance: merges may be made anew).
    @inlinable func forgetAll() {
        slots.withLock { slots in slots.removeAll() }
    }

    /// The number of records handed over whose decoding has not been taken.
    @inlinable var count: Int { slots.withLock { $0.count } }

    /// Decodes the records at `positions` that are still waiting.
    @inlinable func decode(at positions: [RecordPosition]) {
        for position in positions {
            let claimed: ConsumerRecord? = slots.withLock { slots in
                guard let index = slots.index(forKey: position), case .waiting(let record) = slots.values[index] else { return nil }
                slots.values[index] = .decoding
                return record
            }
            guard let record = claimed else { continue }
            let result = translation.decode(record)
            slots.withLock { slots in
                guard let index = slots.index(forKey: position), case .decoding = slots.values[index] else { return }
                slots.values[index] = .decoded(record, result)
            }
        }
    }

    @inlinable static func position(of record: ConsumerRecord) -> RecordPosition {
        RecordPosition(record.topicPartition, offset: record.offset)
    }

    /// Whether two records at the same position carry the same bytes (the arrays the merge holds
    /// are the ones handed over, so this is mostly an identity check).
    @inlinable static func same(_ one: ConsumerRecord, _ other: ConsumerRecord) -> Bool {
        one.value == other.value && one.key == other.key && one.headers == other.headers
    }
}
