import Kafka

/// One attempt at the happy path of a partition's commit — flush and write the changelog, send
/// the consumed offsets, commit — made off the processing loop, so that the commits of several
/// partitions wait for the broker at the same time instead of one after another.
///
/// It holds only what the calls need (the producer, the records moved to their key's partition,
/// the changelog records, the offsets), all `Sendable`; it makes the calls in the order
/// `PartitionTransaction` prescribes and stops at the first failure. The loop then feeds what it
/// did, call by call, into the partition's state machine, which alone decides what follows a
/// failure (retry, abort or exit).
@usableFromInline struct CommitAttempt: Sendable {
    @usableFromInline let producer: KafkaProducer
    @usableFromInline let moves: [DeliveryTicket]
    @usableFromInline let changelog: [ProducerRecord]
    @usableFromInline let offsets: [TopicPartitionOffset]
    @usableFromInline let callTimeout: Duration

    @usableFromInline init(producer: KafkaProducer, moves: [DeliveryTicket], changelog: [ProducerRecord],
                           offsets: [TopicPartitionOffset], callTimeout: Duration) {
        self.producer = producer
        self.moves = moves
        self.changelog = changelog
        self.offsets = offsets
        self.callTimeout = callTimeout
    }

    /// What the attempt achieved.
    @usableFromInline struct Outcome: Sendable {
        /// The calls that succeeded, in order.
        @usableFromInline var completed: [PartitionTransaction.Call] = []
        /// The call that failed and its error, if one did.
        @usableFromInline var failure: (call: PartitionTransaction.Call, error: KafkaError)?
        /// How long each call made took, failed or not, in order.
        @usableFromInline var durations: [(call: PartitionTransaction.Call, duration: Duration)] = []
    }

    /// Makes the calls until one fails. `consumer` gives the group metadata for the offsets.
    /// Throws only `CancellationError`, when the instance is being torn down.
    @usableFromInline func run(consumer: KafkaConsumer) async throws -> Outcome {
        var outcome = Outcome()
        var call = PartitionTransaction.Call.flushAndWriteChangelog
        let clock = ContinuousClock()
        var started = clock.now
        do {
            try await Self.flushAndWriteChangelog(producer: producer, moves: moves, changelog: changelog,
                                                  callTimeout: callTimeout)
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

    /// The first commit step, made here off the loop and by the loop itself
    /// (`ProcessingLoop.flushAndWriteChangelog`): flushes the transaction's outputs, waits for the
    /// records it moved (``confirm(_:)``), then queues its changelog records. After a delivery
    /// failed, librdkafka refuses new records of the transaction, so no changelog record of a
    /// transaction whose outputs did not all arrive is ever queued.
    @inlinable static func flushAndWriteChangelog(producer: KafkaProducer, moves: [DeliveryTicket],
                                                  changelog: [ProducerRecord], callTimeout: Duration) async throws {
        try await producer.flush(timeout: callTimeout)
        try await confirm(moves)
        for record in changelog { try await producer.produceWithoutTicket(record) }
    }

    /// Waits until every record moved to its key's partition is acknowledged. A move that failed
    /// is not tried again here: it throws an error that requires the transaction to be aborted, so
    /// that the input partitions are rewound and the record is read and moved again (unless the
    /// error is fatal: then the instance exits).
    @inlinable static func confirm(_ moves: [DeliveryTicket]) async throws {
        for ticket in moves {
            do {
                _ = try await ticket.report
            } catch let error as KafkaError {
                throw KafkaError(code: error.code, name: error.name,
                                 message: "a record moved to its key's partition was not delivered: \(error.message)",
                                 requiresAbort: true, isFatal: error.isFatal)
            }
        }
    }
}
