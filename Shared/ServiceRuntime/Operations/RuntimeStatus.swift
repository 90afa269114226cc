import Synchronization

/// What the health endpoints report: whether the instance is alive and ready to process.
///
/// Ready means: the reference topics are loaded, the instance has joined its consumer group
/// (received its first assignment, which may be empty when there are more instances than
/// partitions), every assigned partition's state is restored, and the processing loop is running.
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

    public init() {}

    public var snapshot: Snapshot { state.withLock { $0 } }

    func update(_ change: (inout Snapshot) -> Void) {
        state.withLock { change(&$0) }
    }
}
