import Foundation
import Kafka
import Logging

/// Everything one instance owns for one input partition number: the transactional producer
/// (with the partition's stable `transactional.id`), the keys' state, and the offsets consumed
/// in the open transaction and in the last committed one.
///
/// Partition N of every input topic belongs to the same task (the inputs are co-partitioned and
/// assigned with the range strategy), and its state is restored from partition N of the changelog.
final class PartitionTask<State: Codable & Sendable & Equatable> {
    let partition: Int32
    let producer: KafkaProducer
    var store = PartitionStore<State>()

    /// Whether a transaction is open.
    private(set) var inTransaction = false
    /// When the open transaction began.
    private(set) var transactionStarted = ContinuousClock.now
    /// Input records consumed in the open transaction.
    var pendingRecords = 0
    /// For each input partition, the next offset after what the open transaction consumed.
    var pendingOffsets: [TopicPartition: Int64] = [:]
    /// For each input partition, the next offset after what was last committed.
    var committedOffsets: [TopicPartition: Int64] = [:]
    /// Broker timestamps (ms) of the records in the open transaction, for the latency metric.
    var pendingTimestamps: [Int64] = []
    /// Input partitions rewound by an abort: their records still in the current poll batch are
    /// stale and skipped; the consumer re-reads them from the committed offsets.
    var rewound: Set<TopicPartition> = []

    init(partition: Int32, producer: KafkaProducer) {
        self.partition = partition
        self.producer = producer
    }

    /// Begins a transaction unless one is open.
    func ensureTransaction() throws(KafkaError) {
        guard !inTransaction else { return }
        try producer.beginTransaction()
        inTransaction = true
        transactionStarted = .now
    }

    /// Whether the open transaction should be committed now.
    func isDue(batchSize: Int, interval: Duration) -> Bool {
        inTransaction && (pendingRecords >= batchSize || ContinuousClock.now - transactionStarted >= interval)
    }

    /// Marks the transaction committed: its state and offsets become the committed ones.
    func didCommit() {
        store.commit()
        committedOffsets.merge(pendingOffsets) { _, new in new }
        resetTransaction()
    }

    /// Marks the transaction aborted: its state changes are forgotten and its input partitions
    /// must be re-read from `committedOffsets`.
    func didAbort() {
        store.rollback()
        rewound.formUnion(pendingOffsets.keys)
        resetTransaction()
    }

    private func resetTransaction() {
        inTransaction = false
        pendingRecords = 0
        pendingOffsets = [:]
        pendingTimestamps = []
    }
}
