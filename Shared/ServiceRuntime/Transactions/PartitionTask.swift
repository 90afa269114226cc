import Foundation
import Kafka
import Logging

/// Everything one instance owns for one input partition number: the transactional producer
/// (with the partition's stable `transactional.id`), its transaction's state machine, the keys'
/// state, the poison-record guard, and the offsets consumed in the open transaction and in the
/// last committed one.
///
/// Partition N of every input topic belongs to the same task (the inputs are co-partitioned and
/// assigned with the range strategy), and its state is restored from partition N of the changelog.
@usableFromInline final class PartitionTask<State: Codable & Sendable & Equatable> {
    @usableFromInline let partition: Int32
    @usableFromInline let producer: KafkaProducer
    @usableFromInline var store = PartitionStore<State>()
    @usableFromInline var transaction: PartitionTransaction
    @usableFromInline var poison: PoisonRecords

    /// When the open transaction began.
    @usableFromInline var transactionStarted = ContinuousClock.now
    /// The input records of the open transaction, in order.
    @usableFromInline var pendingPositions: [RecordPosition] = []
    /// For each input partition, the next offset after what was last committed.
    @usableFromInline var committedOffsets: [TopicPartition: Int64] = [:]
    /// Broker timestamps (ms) of the records in the open transaction, for the latency metric.
    @usableFromInline var pendingTimestamps: [Int64] = []
    /// Whether the open transaction must be committed before the next record (a suspect record
    /// is isolated in a transaction of its own).
    @usableFromInline var commitBeforeNext = false
    /// Whether each input's new state and its outputs to coalesced topics are encoded and
    /// checked (record size limit, contracts) as it is applied, rather than once per key before
    /// the commit: only after a commit found one it could not write, until the next commit, so
    /// that the input responsible is found.
    @usableFromInline var checksEachInput = false
    /// Records the open transaction moved to their key's partition. They are written outside the
    /// transaction (see ``ProcessingLoop/reroute(_:to:task:)``), so each must be acknowledged
    /// before the transaction's offsets are committed.
    @usableFromInline var moves: [DeliveryTicket] = []
    /// The open transaction's outputs to coalesced topics, the last per key, encoded (unless
    /// ``checksEachInput``) and written at its commit (``ProcessingLoop/releaseLatest(_:)``).
    @usableFromInline var latest = LatestRecords()
    /// Input partitions rewound by an abort: their records still in the current poll batch are
    /// stale and skipped; the consumer re-reads them from the committed offsets.
    @usableFromInline var rewound: Set<TopicPartition> = []

    @inlinable init(partition: Int32, producer: KafkaProducer, limits: PartitionTransaction.Limits, maximumRecordAttempts: Int) {
        self.partition = partition
        self.producer = producer
        self.transaction = PartitionTransaction(limits: limits)
        self.poison = PoisonRecords(maximumAttempts: maximumRecordAttempts)
    }

    /// Whether a transaction is open.
    @inlinable var inTransaction: Bool { transaction.isOpen }

    /// Input records consumed in the open transaction.
    @inlinable var pendingRecords: Int { transaction.records }

    /// Notes that a transaction began.
    @inlinable func didBegin() {
        transaction.began()
        transactionStarted = .now
    }

    /// Notes one input record consumed in the open transaction.
    @inlinable func didConsume(_ record: ConsumerRecord) {
        transaction.added()
        pendingPositions.append(RecordPosition(record.topicPartition, offset: record.offset))
        if let timestamp = record.timestampMilliseconds { pendingTimestamps.append(timestamp) }
        pendingEnds.note(record)
    }

    /// For each input partition, the next offset after what the open transaction consumed.
    @inlinable var pendingOffsets: [TopicPartition: Int64] { pendingEnds.byPartition }

    /// ``pendingOffsets`` as it is kept, updated as each record is consumed.
    @usableFromInline var pendingEnds = NextOffsets()

    /// Whether the open transaction should be committed now.
    @inlinable func isDue(records limit: Int, interval: Duration) -> Bool {
        guard case .open(let records) = transaction.phase else { return false }
        return commitBeforeNext || records >= limit || ContinuousClock.now - transactionStarted >= interval
    }

    /// Marks the transaction committed: its state and offsets become the committed ones.
    @inlinable func didCommit() {
        store.commit()
        committedOffsets.merge(pendingOffsets) { _, new in new }
        poison.committed(upTo: committedOffsets)
        checksEachInput = false
        resetTransaction()
    }

    /// Marks the transaction aborted: its state changes are forgotten; returns the input
    /// partitions that must be re-read from `committedOffsets` (those it consumed from, and the
    /// failing record's own).
    @inlinable func didAbort(failing: RecordPosition?) -> [TopicPartitionOffset] {
        store.rollback()
        var touched = Set(pendingOffsets.keys)
        if let failing { touched.insert(failing.topicPartition) }
        rewound.formUnion(touched)
        resetTransaction()
        return touched.sorted().map { TopicPartitionOffset($0, offset: committedOffsets[$0] ?? KafkaOffset.beginning) }
    }

    @inlinable func resetTransaction() {
        pendingPositions = []
        pendingEnds = NextOffsets()
        pendingTimestamps = []
        moves = []
        latest.removeAll()
        commitBeforeNext = false
    }
}
