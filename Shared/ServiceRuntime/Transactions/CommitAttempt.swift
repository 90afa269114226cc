import Kafka

/// One attempt at the happy path of a partition's commit — flush and write the changelog, send
/// the consumed offsets, commit — made off the processing loop, so that the commits of several
/// partitions wait for the broker at the same time instead of one after another.
///
/// It holds only what the calls need (the producer, the changelog records, the offsets), all
/// `Sendable`; it makes the calls in the order `PartitionTransaction` prescribes and stops at
/// the first failure. The loop then feeds what it did, call by call, into the partition's state
/// machine, which alone decides what follows a failure (retry, abort or exit).
struct CommitAttempt: Sendable {
    let producer: KafkaProducer
    let changelog: [ProducerRecord]
    let offsets: [TopicPartitionOffset]
    let callTimeout: Duration

    /// What the attempt achieved.
    struct Outcome: Sendable {
        /// The calls that succeeded, in order.
        var completed: [PartitionTransaction.Call] = []
        /// The call that failed and its error, if one did.
        var failure: (call: PartitionTransaction.Call, error: KafkaError)?
        /// How long each call made took, failed or not, in order.
        var durations: [(call: PartitionTransaction.Call, duration: Duration)] = []
    }

    /// Makes the calls until one fails. `consumer` gives the group metadata for the offsets.
    /// Throws only `CancellationError`, when the instance is being torn down.
    func run(consumer: KafkaConsumer) async throws -> Outcome {
        var outcome = Outcome()
        var call = PartitionTransaction.Call.flushAndWriteChangelog
        let clock = ContinuousClock()
        var started = clock.now
        do {
            try await producer.flush(timeout: callTimeout)
            for record in changelog { try await producer.produceWithoutTicket(record) }
            outcome.completed.append(call)
            outcome.durations.append((call, clock.now - started))
            if !offsets.isEmpty {
                call = .sendOffsets
                started = clock.now
                try await producer.sendOffsetsToTransaction(offsets, consumer: consumer, timeout: callTimeout)
                outcome.completed.append(call)
                outcome.durations.append((call, clock.now - started))
            }
            call = .commit
            started = clock.now
            try await producer.commitTransaction(timeout: callTimeout)
            outcome.completed.append(call)
            outcome.durations.append((call, clock.now - started))
        } catch let error as KafkaError {
            outcome.failure = (call, error)
            outcome.durations.append((call, clock.now - started))
        }
        return outcome
    }
}
