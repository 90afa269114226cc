import Kafka

/// Merges the records of one task's co-partitioned input partitions (partition N of every input
/// topic) into one deterministic order: record timestamp, then topic, then offset, as Kafka
/// Streams does. A partition with nothing buffered is waited for, unless the consumer reached its
/// end, for at most `maximumIdle`; so reprocessing the same positions after a crash or a handover
/// meets the records in the same order whatever the fetches returned, and emits the same outputs.
///
/// A plain value, tested without a broker. With a single input topic it passes records straight
/// through.
public struct InputMerge: Sendable {
    /// The longest a lagging input partition is waited for before the others go on without it.
    public let maximumIdle: Duration
    private var buffers: [TopicPartition: [ConsumerRecord]] = [:]
    private var heads: [TopicPartition: Int] = [:]
    private var atEnd: Set<TopicPartition> = []
    private var waitingSince: [TopicPartition: ContinuousClock.Instant] = [:]
    private var inputs: [TopicPartition]

    /// - Parameter inputs: the input partitions of the task (partition N of each input topic).
    public init(inputs: [TopicPartition], maximumIdle: Duration) {
        self.inputs = inputs.sorted()
        self.maximumIdle = maximumIdle
    }

    /// Whether nothing is buffered.
    public var isEmpty: Bool { buffers.values.allSatisfy(\.isEmpty) }

    /// Buffers a fetched record.
    public mutating func add(_ record: ConsumerRecord) {
        let partition = record.topicPartition
        if buffers[partition] == nil && !inputs.contains(partition) {
            inputs.append(partition)
            inputs.sort()
        }
        buffers[partition, default: []].append(record)
        atEnd.remove(partition)
        waitingSince[partition] = nil
    }

    /// The consumer reached the end of `partition`: nothing more is there to wait for.
    public mutating func reachedEnd(_ partition: TopicPartition) {
        atEnd.insert(partition)
        waitingSince[partition] = nil
    }

    /// Drops what is buffered for `partition` (it was rewound and will be read again).
    public mutating func discard(_ partition: TopicPartition) {
        buffers[partition] = nil
        heads[partition] = nil
        atEnd.remove(partition)
        waitingSince[partition] = nil
    }

    /// The next record in merge order, or `nil` when none is buffered or a lagging input must
    /// still be waited for.
    public mutating func next(now: ContinuousClock.Instant) -> ConsumerRecord? {
        var best: (partition: TopicPartition, record: ConsumerRecord)?
        var waiting = false
        for partition in inputs {
            guard let record = head(of: partition) else {
                if !atEnd.contains(partition) {
                    let since = waitingSince[partition] ?? now
                    waitingSince[partition] = since
                    if now - since < maximumIdle { waiting = true }
                }
                continue
            }
            if best.map({ Self.precedes(record, $0.record) }) ?? true {
                best = (partition, record)
            }
        }
        guard let best, !waiting else { return nil }
        advance(best.partition)
        return best.record
    }

    /// Merge order: timestamp (records without one first), topic, offset.
    static func precedes(_ lhs: ConsumerRecord, _ rhs: ConsumerRecord) -> Bool {
        let left = lhs.timestampMilliseconds ?? Int64.min
        let right = rhs.timestampMilliseconds ?? Int64.min
        if left != right { return left < right }
        if lhs.topic != rhs.topic { return lhs.topic < rhs.topic }
        return lhs.offset < rhs.offset
    }

    private func head(of partition: TopicPartition) -> ConsumerRecord? {
        guard let buffer = buffers[partition] else { return nil }
        let index = heads[partition] ?? 0
        return index < buffer.count ? buffer[index] : nil
    }

    private mutating func advance(_ partition: TopicPartition) {
        let index = (heads[partition] ?? 0) + 1
        if index >= buffers[partition]?.count ?? 0 {
            buffers[partition] = []
            heads[partition] = 0
        } else {
            heads[partition] = index
        }
    }
}
