import Kafka

/// Finds the input record that makes a partition's transactions fail, so that one bad record
/// can neither stop the partition nor make it abort for ever, and no good record is lost.
///
/// - A failure while a known record was being processed is that record's: an error that can
///   never succeed for it (the record or its output is too large, the broker rejects it) makes it
///   poison at once; any other error counts an attempt, and `maximumAttempts` make it poison.
///   Errors of a passing outage (timeouts, an unreachable broker) count nothing: the stall alarm
///   reports those.
/// - A failure at commit names no record: the partition's records up to where the aborted
///   transaction got are then committed one per transaction (isolated) until they are passed,
///   so that the next failure names its record.
/// - A poison record is written to the dead letters (truncated to fit when it must be) and its
///   offset is committed: never a silent skip, never an endless loop.
///
/// A plain value, tested without a broker; kept per partition task, forgotten on restart (the
/// attempts then start again, still bounded).
public struct PoisonRecords: Sendable, Equatable {
    /// Why a record is poison and how many dead letters for it have failed already.
    public struct Verdict: Sendable, Equatable {
        public var reason: String
        public var errorClass: String
        /// Dead letters of this record that could not be written (the next one keeps less of it).
        public var failedLetters = 0
    }

    /// Attempts before a record whose failures are not known to be permanent is given up.
    public let maximumAttempts: Int
    private var attempts: [RecordPosition: Int] = [:]
    private var poison: [RecordPosition: Verdict] = [:]
    private var isolatedUntil: [TopicPartition: Int64] = [:]

    public init(maximumAttempts: Int = 3) {
        self.maximumAttempts = max(1, maximumAttempts)
    }

    /// The verdict on the record at `position`, if it is poison.
    public func verdict(at position: RecordPosition) -> Verdict? {
        poison[position]
    }

    /// Whether the record at `position` must be committed in a transaction of its own.
    public func isIsolated(_ position: RecordPosition) -> Bool {
        guard let end = isolatedUntil[position.topicPartition] else { return false }
        return position.offset < end
    }

    /// Whether any record of the partition is still isolated.
    public var isIsolating: Bool { !isolatedUntil.isEmpty }

    /// A transaction was aborted after `error`.
    ///
    /// - Parameters:
    ///   - failing: the record being processed when it failed, when known.
    ///   - records: the input records the transaction held before that one.
    ///   - reached: for each input partition, the offset after the last record the transaction read.
    public mutating func aborted(after error: KafkaError, failing: RecordPosition?, records: [RecordPosition],
                                 reached: [TopicPartition: Int64]) {
        if let culprit = failing ?? (records.count == 1 ? records.first : nil) {
            blame(culprit, for: error)
            return
        }
        guard !error.isTimeout, !error.isRetriable else { return }
        for (partition, end) in reached {
            isolatedUntil[partition] = max(isolatedUntil[partition] ?? end, end)
        }
    }

    /// A dead letter for the poison record at `position` could not be written.
    public mutating func letterFailed(at position: RecordPosition) {
        poison[position]?.failedLetters += 1
    }

    /// Offsets up to `offsets` (exclusive) are committed: forget what concerns them.
    public mutating func committed(upTo offsets: [TopicPartition: Int64]) {
        for (partition, end) in offsets {
            if let until = isolatedUntil[partition], until <= end { isolatedUntil[partition] = nil }
        }
        func pending(_ position: RecordPosition) -> Bool {
            guard let end = offsets[position.topicPartition] else { return true }
            return position.offset >= end
        }
        attempts = attempts.filter { pending($0.key) }
        poison = poison.filter { pending($0.key) }
    }

    /// The partitions are no longer this instance's: forget them.
    public mutating func forget(_ partitions: Set<TopicPartition>) {
        for partition in partitions { isolatedUntil[partition] = nil }
        attempts = attempts.filter { !partitions.contains($0.key.topicPartition) }
        poison = poison.filter { !partitions.contains($0.key.topicPartition) }
    }

    private mutating func blame(_ position: RecordPosition, for error: KafkaError) {
        if error.isPermanentForRecord {
            poison[position] = Verdict(reason: "\(error)", errorClass: "output-rejected")
            return
        }
        if error.isTimeout || error.isRetriable { return }
        let count = (attempts[position] ?? 0) + 1
        attempts[position] = count
        if count >= maximumAttempts {
            poison[position] = Verdict(reason: "failed \(count) times, last: \(error)", errorClass: "processing-failed")
        }
    }
}

/// Where one input record is: topic, partition and offset.
public struct RecordPosition: Sendable, Hashable, CustomStringConvertible {
    public var topicPartition: TopicPartition
    public var offset: Int64

    public init(_ topicPartition: TopicPartition, offset: Int64) {
        self.topicPartition = topicPartition
        self.offset = offset
    }

    public var description: String { "\(topicPartition.topic)[\(topicPartition.partition)]@\(offset)" }
}
