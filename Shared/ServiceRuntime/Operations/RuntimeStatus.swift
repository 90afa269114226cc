import Synchronization

/// What the health endpoints report: whether the instance is alive and ready to process.
///
/// Ready means: the reference topics are loaded, every assigned partition's state is restored,
/// and the processing loop is running.
public final class RuntimeStatus: Sendable {
    /// A point-in-time view of the status.
    public struct Snapshot: Sendable, Equatable {
        public var running = false
        public var referenceLoaded = false
        public var restoring = false
        public var assignedPartitions: [Int32] = []
        public var failure: String?

        public var isReady: Bool { running && referenceLoaded && !restoring && failure == nil }
        public var isHealthy: Bool { failure == nil }
    }

    private let state = Mutex(Snapshot())

    public init() {}

    public var snapshot: Snapshot { state.withLock { $0 } }

    func update(_ change: (inout Snapshot) -> Void) {
        state.withLock { change(&$0) }
    }
}
