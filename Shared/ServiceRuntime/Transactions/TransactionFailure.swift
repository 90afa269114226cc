import Kafka

/// What the transactional loop does about a failed transactional call. A plain decision table,
/// tested without a broker.
public enum TransactionRecovery: Sendable, Equatable {
    /// Try the same call again (after a short pause), up to the retry limit.
    case retry
    /// Abort the transaction, forget its state changes and rewind the partition's consumer to the
    /// last committed offsets, then carry on.
    case abortAndRewind
    /// Stop the instance with a non-zero status; the orchestrator starts a fresh one.
    case exit

    /// The recovery for `error`, the `attempt`-th failure (1-based) of the same call.
    public static func decide(_ error: KafkaError, attempt: Int, maximumAttempts: Int = 5) -> TransactionRecovery {
        if error.isFatal || error.isFenced { return .exit }
        if error.requiresAbort { return .abortAndRewind }
        if error.isRetriable || error.isTimeout {
            return attempt < maximumAttempts ? .retry : .abortAndRewind
        }
        return .abortAndRewind
    }
}

/// Why the runtime stopped processing: the instance must exit non-zero.
public struct FatalProcessingError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
