import Kafka
import Synchronization

/// A partition's `CommitAttempt` running off the processing loop while the loop carries on with
/// the other partitions' records. The partition's own records wait (its transaction is in the
/// `committing` phase until the loop feeds the outcome into its state machine); when the
/// attempt ends it wakes the consumer's poll, so the loop takes the outcome at once.
@usableFromInline struct CommitInFlight: Sendable {
    @usableFromInline let attempt: CommitAttempt
    private let done: Flag
    private let run: Task<CommitAttempt.Outcome, any Error>

    /// Starts `attempt` now.
    @usableFromInline init(_ attempt: CommitAttempt, consumer: KafkaConsumer) {
        let done = Flag()
        self.attempt = attempt
        self.done = done
        run = Task {
            defer {
                done.raise()
                consumer.wakeUp()
            }
            return try await attempt.run(consumer: consumer)
        }
    }

    /// Whether the attempt has ended (its `outcome` is then ready at once).
    @usableFromInline var isFinished: Bool { done.isRaised }

    /// What the attempt did, waiting for it to end. Throws only `CancellationError`.
    @usableFromInline var outcome: CommitAttempt.Outcome {
        get async throws { try await run.value }
    }

    /// Asks the attempt to stop (when the instance is being torn down).
    @usableFromInline func cancel() { run.cancel() }

    /// A flag raised once, read from any thread.
    private final class Flag: Sendable {
        private let raised = Atomic<Bool>(false)
        func raise() { raised.store(true, ordering: .releasing) }
        var isRaised: Bool { raised.load(ordering: .acquiring) }
    }
}
