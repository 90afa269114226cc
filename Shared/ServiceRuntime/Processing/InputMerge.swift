import Kafka

/// Merges the records of one task's co-partitioned input partitions (partition N of every input
/// topic) into one deterministic order: record timestamp, then topic, then offset, as Kafka
/// Streams does. A partition with nothing buffered is waited for, unless the consumer reached its
/// end, for at most `maximumIdle`; so reprocessing the same positions after a crash or a handover
/// meets the records in the same order whatever the fetches returned, and emits the same outputs.
///
/// A plain value, tested without a broker. With a single input topic it passes records straight
/// through. Each input partition is a lane in a short array, found by comparing names: a task has
/// a handful of inputs, and the record path hashes nothing.
public struct InputMerge: Sendable {
    /// The longest a lagging input partition is waited for before the others go on without it.
    public let maximumIdle: Duration
    /// One lane per input partition, in `TopicPartition` order.
    private var lanes: [Lane]

    /// What is buffered of one input partition and whether it is waited for.
    private struct Lane: Sendable {
        let partition: TopicPartition
        /// The records fetched; a record taken leaves `nil` behind (moved out, not copied: a copy
        /// retained its topic, key, value and headers, and the buffer released them later).
        var buffer: [ConsumerRecord?] = []
        /// The index in `buffer` of the next record.
        var head = 0
        /// Whether the consumer reached the partition's end.
        var atEnd = false
        /// Since when the partition has had nothing buffered while others had.
        var waitingSince: ContinuousClock.Instant?

        /// Whether a record is buffered.
        var hasNext: Bool { head < buffer.count }
    }

    /// - Parameter inputs: the input partitions of the task (partition N of each input topic).
    public init(inputs: [TopicPartition], maximumIdle: Duration) {
        self.lanes = inputs.sorted().map { Lane(partition: $0) }
        self.maximumIdle = maximumIdle
    }

    /// Whether nothing is buffered.
    public var isEmpty: Bool { lanes.allSatisfy { !$0.hasNext } }

    /// Buffers a fetched record.
    public mutating func add(_ record: ConsumerRecord) {
        let index = lane(record.topic, record.partition)
        lanes[index].buffer.append(record)
        lanes[index].atEnd = false
        lanes[index].waitingSince = nil
    }

    /// The consumer reached the end of `partition`: nothing more is there to wait for.
    public mutating func reachedEnd(_ partition: TopicPartition) {
        let index = lane(partition.topic, partition.partition)
        lanes[index].atEnd = true
        lanes[index].waitingSince = nil
    }

    /// Drops what is buffered for `partition` (it was rewound and will be read again).
    public mutating func discard(_ partition: TopicPartition) {
        guard let index = lanes.firstIndex(where: { $0.partition == partition }) else { return }
        lanes[index] = Lane(partition: partition)
    }

    /// The next record in merge order, or `nil` when none is buffered or a lagging input must
    /// still be waited for.
    public mutating func next(now: ContinuousClock.Instant) -> ConsumerRecord? {
        var best: Int?
        var waiting = false
        for index in lanes.indices {
            guard lanes[index].hasNext else {
                if !lanes[index].atEnd {
                    let since = lanes[index].waitingSince ?? now
                    lanes[index].waitingSince = since
                    if now - since < maximumIdle { waiting = true }
                }
                continue
            }
            if let chosen = best, !nextPrecedes(index, chosen) { continue }
            best = index
        }
        guard let best, !waiting else { return nil }
        return advance(best)
    }

    /// Merge order: timestamp (records without one first), topic, offset. Whether the next record
    /// of lane `lhs` comes before the next of lane `rhs` (both have one), read where they are:
    /// copied out to be compared, each record was retained and released in every round. A lane's
    /// records are all of its topic, so the topics are the lanes', and two lanes never share one:
    /// the offset orders the records of one lane only, which its buffer keeps in order.
    private func nextPrecedes(_ lhs: Int, _ rhs: Int) -> Bool {
        let left = lanes[lhs].buffer[lanes[lhs].head]?.timestampMilliseconds ?? Int64.min
        let right = lanes[rhs].buffer[lanes[rhs].head]?.timestampMilliseconds ?? Int64.min
        if left != right { return left < right }
        return lanes[lhs].partition.topic < lanes[rhs].partition.topic
    }

    /// The lane of a partition, added (in order) when a record of an input not named at the
    /// start arrives.
    private mutating func lane(_ topic: String, _ partition: Int32) -> Int {
        if let index = lanes.firstIndex(where: { $0.partition.partition == partition && $0.partition.topic == topic }) {
            return index
        }
        let added = TopicPartition(topic, partition)
        let index = lanes.firstIndex { added < $0.partition } ?? lanes.endIndex
        lanes.insert(Lane(partition: added), at: index)
        return index
    }

    /// Takes the lane's next record; an emptied buffer is cleared, keeping its storage.
    private mutating func advance(_ index: Int) -> ConsumerRecord {
        let record = lanes[index].buffer[lanes[index].head].take()!
        lanes[index].head += 1
        if lanes[index].head >= lanes[index].buffer.count {
            lanes[index].buffer.removeAll(keepingCapacity: true)
            lanes[index].head = 0
        }
        return record
    }
}
