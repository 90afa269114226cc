import Synchronization

/// What the health endpoints report: whether the instance is alive and ready to process.
///
/// Ready means: the reference topics are loaded, the instance has joined its consumer group
/// (received its first assignment, which may be empty when there are more instances than
/// partitions), every assigned partition's state is restored, and the processing loop is running.
/// Healthy means: no fatal failure, and no owned partition with records to process has gone
/// without a commit for the stall limit (`--stall-timeout-s`).
public final class RuntimeStatus: Sendable {
    /// A point-in-time view of the status.
    public struct Snapshot: Sendable, Equatable {
        public var running = false
        public var referenceLoaded = false
        public var joinedGroup = false
        public var restoring = false
        public var assignedPartitions: [Int32] = []
        public var failure: String?

        public var isReady: Bool { running && referenceLoaded && joinedGroup && !restoring && failure == nil }
        public var isHealthy: Bool { failure == nil }
    }

    private let state = Mutex(Snapshot())
    /// Lag and commit times of the owned input partitions.
    public let progress = PartitionProgress()
    /// How long a partition with records to process may go without a commit before the instance
    /// reports itself unhealthy.
    public let stallLimit: Duration

    public init(stallLimit: Duration = .seconds(120)) {
        self.stallLimit = stallLimit
    }

    public var snapshot: Snapshot { state.withLock { $0 } }

    /// The partitions stalled now (records to process, no commit for `stallLimit`).
    public func stalledPartitions(now: ContinuousClock.Instant = .now) -> [PartitionProgress.Reading] {
        progress.stalled(after: stallLimit, now: now)
    }

    /// Healthy: no failure and no stalled partition; otherwise the reason.
    public func health(now: ContinuousClock.Instant = .now) -> (healthy: Bool, detail: String) {
        if let failure = snapshot.failure { return (false, "failed: \(failure)") }
        let stalled = stalledPartitions(now: now)
        if !stalled.isEmpty {
            let names = stalled.map { "\($0.topic)[\($0.partition)] lag \($0.lag), no commit for \($0.sinceCommit)" }
            return (false, "stalled: \(names.joined(separator: "; "))")
        }
        return (true, "ok")
    }

    @usableFromInline func update(_ change: (inout Snapshot) -> Void) {
        state.withLock { change(&$0) }
    }
}
