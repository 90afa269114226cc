import Foundation
import Kafka
import Synchronization

/// How far the instance got in each input partition it owns, for the real consumer lag and the
/// stall alarm: what it committed (exactly, from its own transactions), what it took from the
/// consumer, and where the partition ends (from librdkafka's statistics).
///
/// librdkafka's own `consumer_lag` counts from offsets the consumer committed itself, which a
/// transactional loop never does (its offsets go through the producer), so it stays at the
/// number of records read. The lag here is the end of the partition (last stable offset, as a
/// `read_committed` reader sees it) minus the committed offset; once the consumer has fetched up
/// to the end, transaction markers are not counted, only records taken and not yet committed.
public final class PartitionProgress: Sendable {
    struct Entry: Sendable {
        var committed: Int64?
        var consumed: Int64?
        var end: Int64?
        var fetchPosition: Int64?
        var lastCommit: ContinuousClock.Instant
    }

    private let entries = Mutex<[String: [Int32: Entry]]>([:])

    public init() {}

    /// The instance took these partitions on, with the group's committed offsets where known.
    @usableFromInline func assigned(_ partitions: [(topic: String, partition: Int32, committed: Int64?)]) {
        let now = ContinuousClock.now
        entries.withLock { entries in
            for item in partitions {
                entries[item.topic, default: [:]][item.partition] = Entry(
                    committed: item.committed, consumed: item.committed, lastCommit: now)
            }
        }
    }

    /// The instance gave these partition numbers up.
    @usableFromInline func released(_ numbers: Set<Int32>) {
        entries.withLock { entries in
            for topic in entries.keys {
                for number in numbers { entries[topic]?[number] = nil }
            }
        }
    }

    /// The instance owns nothing any more.
    @usableFromInline func forgetAll() {
        entries.withLock { $0.removeAll() }
    }

    /// The loop took records up to `next` (exclusive) from the consumer.
    @usableFromInline func consumed(topic: String, partition: Int32, next: Int64) {
        entries.withLock { entries in
            guard var entry = entries[topic]?[partition] else { return }
            entry.consumed = max(entry.consumed ?? next, next)
            entries[topic]?[partition] = entry
        }
    }

    /// A transaction committed these offsets (each the next offset to read).
    @usableFromInline func committed(_ offsets: [TopicPartition: Int64]) {
        let now = ContinuousClock.now
        entries.withLock { entries in
            for (partition, offset) in offsets {
                guard var entry = entries[partition.topic]?[partition.partition] else { continue }
                entry.committed = offset
                entry.consumed = max(entry.consumed ?? offset, offset)
                entry.lastCommit = now
                entries[partition.topic]?[partition.partition] = entry
            }
        }
    }

    /// Reads the partitions' ends and fetch positions from librdkafka's statistics JSON.
    @usableFromInline func update(fromStatistics json: String) {
        guard let data = json.data(using: .utf8),
              let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let topics = root["topics"] as? [String: Any] else { return }
        entries.withLock { entries in
            for (topic, value) in topics {
                guard let partitions = (value as? [String: Any])?["partitions"] as? [String: Any] else { continue }
                for (key, details) in partitions {
                    guard let number = Int32(key), number >= 0, var entry = entries[topic]?[number],
                          let details = details as? [String: Any] else { continue }
                    if let end = details["ls_offset"] as? Int, end >= 0 { entry.end = Int64(end) }
                    if let next = details["next_offset"] as? Int, next >= 0 { entry.fetchPosition = Int64(next) }
                    entries[topic]?[number] = entry
                }
            }
        }
    }

    /// One owned input partition's lag and time since its last commit.
    public struct Reading: Sendable, Equatable {
        public var topic: String
        public var partition: Int32
        public var lag: Int64
        public var sinceCommit: Duration
    }

    /// Every owned input partition's lag (records not yet committed) and time since its last commit.
    public func readings(now: ContinuousClock.Instant = .now) -> [Reading] {
        entries.withLock { entries in
            entries.flatMap { topic, partitions in
                partitions.map { number, entry in
                    Reading(topic: topic, partition: number, lag: Self.lag(of: entry), sinceCommit: now - entry.lastCommit)
                }
            }
        }
        .sorted { ($0.topic, $0.partition) < ($1.topic, $1.partition) }
    }

    /// Partitions with records to process that have not committed for `limit`.
    public func stalled(after limit: Duration, now: ContinuousClock.Instant = .now) -> [Reading] {
        readings(now: now).filter { $0.lag > 0 && $0.sinceCommit >= limit }
    }

    static func lag(of entry: Entry) -> Int64 {
        let committed = entry.committed ?? 0
        let taken = max(0, (entry.consumed ?? committed) - committed)
        guard let end = entry.end else { return taken }
        if let fetched = entry.fetchPosition, fetched >= end {
            // Fetched to the end: what remains is records taken and not committed (a gap between
            // the committed offset and the end is a transaction marker, not a record).
            return taken
        }
        return max(taken, end - committed)
    }
}
