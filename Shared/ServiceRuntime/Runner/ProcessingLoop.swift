import Foundation
import Kafka
import Logging
import PMOModel
import Synchronization

/// The consume-transform-produce loop of one service instance.
///
/// It polls the input topics in the service's consumer group; on assignment it creates one
/// `PartitionTask` per partition number (fencing any previous owner), restores its state from
/// the changelog, then processes records in the deterministic order of `InputMerge` (decoded
/// ahead on another thread while they wait there, `DecodingAhead`, unless turned off); it commits
/// each partition's transaction (outputs, state, dead letters and consumed offsets together) by
/// count or time, before partitions are revoked and at shutdown. Each transaction follows its
/// `PartitionTransaction` state machine. It is driven by a single task and is not shared.
///
/// Its methods, those of `PartitionTask` and `PartitionStore`, and `ServiceRunner`'s path to the
/// loop (its start-up checks are not) are `@inlinable`: each service's executable, where the
/// processor's type is known, gets the loop specialised for it (``ServiceLauncher`` hands the
/// runner to the service group as a closure made there). Unspecialised, the loop looked up
/// generic metadata for every value of the processor's state and outcome it copied: 7 % of the test counter's samples, 2.7 % once
/// specialised (`scripts/profile.sh --events 200000`). `-enable-cmo-everything` does not
/// specialise async functions; `@inlinable` does.
@usableFromInline final class ProcessingLoop<Processor: EventProcessor> {
    @usableFromInline typealias OwnedPartition = PartitionTask<Processor.State>

    @usableFromInline let processor: Processor
    @usableFromInline let configuration: RuntimeConfiguration
    @usableFromInline let consumer: KafkaConsumer
    @usableFromInline let reference: ReferenceTables<Processor>
    @usableFromInline let translation: RecordTranslation
    @usableFromInline let metrics: RuntimeMetrics
    @usableFromInline let status: RuntimeStatus
    @usableFromInline let clock: @Sendable () -> Date
    @usableFromInline let logger: Logger
    @usableFromInline let sizeLimit: RecordSizeLimit
    /// Spans of processing steps, and the trace context outputs carry.
    @usableFromInline let tracing: EventTracing
    /// The processor's coalesced topics: their records are held until the commit, the last per key.
    @usableFromInline let coalescedTopics: Set<String>
    /// The partition count of each input topic, for the co-partitioning check.
    @usableFromInline let inputPartitions: [String: Int32]
    @usableFromInline var tasks: [Int32: OwnedPartition] = [:]
    /// Tasks given up in an eager rebalance, kept (committed, with their state) in case the same
    /// rebalance gives their partitions back; closed otherwise.
    @usableFromInline var parked: [Int32: OwnedPartition] = [:]
    @usableFromInline var merges: [Int32: InputMerge] = [:]
    /// Commits under way off the loop, by partition: that partition's records wait for them,
    /// the others' are processed meanwhile.
    @usableFromInline var commitsInFlight: [Int32: (task: OwnedPartition, commit: CommitInFlight)] = [:]
    @usableFromInline var lastTick = ContinuousClock.now
    /// Writes records moved to their key's partition; made when the first one is moved.
    @usableFromInline var movedRecords: KafkaProducer?
    /// Decodes the records waiting in the merges on another thread; `nil` when the
    /// configuration turns it off.
    @usableFromInline let decodingAhead: DecodingAhead?

    @inlinable init(processor: Processor, configuration: RuntimeConfiguration, consumer: KafkaConsumer,
         reference: ReferenceTables<Processor>, metrics: RuntimeMetrics, status: RuntimeStatus,
         inputPartitions: [String: Int32], clock: @escaping @Sendable () -> Date, tracing: EventTracing, logger: Logger) {
        self.processor = processor
        self.configuration = configuration
        self.consumer = consumer
        self.reference = reference
        self.translation = RecordTranslation(registry: processor.registry, serviceName: processor.name,
                                             source: processor.source)
        self.metrics = metrics
        self.status = status
        self.inputPartitions = inputPartitions
        self.clock = clock
        self.tracing = tracing
        self.logger = logger
        self.sizeLimit = RecordSizeLimit(configuration: configuration.kafka)
        self.coalescedTopics = processor.coalescedTopics
        self.decodingAhead = configuration.decodesAhead
            ? DecodingAhead(translation: translation, limit: 2 * configuration.pollRecords) : nil
    }

    /// Runs until `stop` is set (graceful shutdown) or a fatal error is thrown.
    @inlinable func run(until stop: StopSignal) async throws {
        do {
            try consumer.subscribe(topics: processor.inputTopics)
            status.update { $0.running = true }
            while !stop.isRaised {
                if let failure = status.snapshot.failure { throw FatalProcessingError(failure) }
                let events = try await consumer.pollBatch(maxEvents: configuration.pollRecords, timeout: pollTimeout())
                for task in tasks.values { task.rewound.removeAll() }
                // The next offset of each partition the batch read.
                var taken = NextOffsets()
                // The records put in a merge since the batch's last rebalance, to decode ahead.
                var merged: [ConsumerRecord] = []
                for event in events {
                    if case .record(let record) = event { taken.note(record) }
                    let wasMerged = try await handle(event)
                    switch event {
                    case .record(let record) where wasMerged && decodingAhead != nil: merged.append(record)
                    case .partitionsAssigned, .partitionsRevoked, .partitionsLost: merged.removeAll()
                    case .record, .endOfPartition: break
                    }
                }
                decodingAhead?.decode(merged)
                for (partition, next) in taken.entries {
                    status.progress.consumed(topic: partition.topic, partition: partition.partition, next: next)
                }
                try await finishCommits(waiting: false)
                try await processMerged()
                try await commitDue()
                try await tickIfDue()
            }
            try await shutDown()
        } catch {
            for entry in commitsInFlight.values { entry.commit.cancel() }
            throw error
        }
    }

    /// How long a poll may wait for records: until the oldest open transaction is due by time
    /// (as the C reference does), and no longer than the commit interval or 100 ms. A poll that
    /// waited out a longer timeout while a transaction fell due would add that wait to the latency
    /// of the transaction's records. A commit under way wakes the poll when it ends.
    @inlinable func pollTimeout(now: ContinuousClock.Instant = .now) -> Duration {
        Self.pollTimeout(openSince: tasks.values.compactMap { task in
            guard commitsInFlight[task.partition] == nil, case .open = task.transaction.phase else { return nil }
            return task.transactionStarted
        }, interval: configuration.commitInterval, now: now)
    }

    /// ``pollTimeout(now:)`` for transactions open since `openSince`.
    @inlinable static func pollTimeout(openSince: [ContinuousClock.Instant], interval: Duration,
                                       now: ContinuousClock.Instant) -> Duration {
        var timeout = min(interval, .milliseconds(100))
        for started in openSince {
            timeout = min(timeout, max(.zero, started + interval - now))
        }
        return timeout
    }

    /// Handles one event of a poll; returns whether it was a record put in its partition's merge.
    @discardableResult @inlinable func handle(_ event: ConsumerEvent) async throws -> Bool {
        switch event {
        case .record(let record):
            guard let task = tasks[record.partition] else {
                logger.warning("record of a partition this instance does not own", metadata: record.logMetadata)
                return false
            }
            if task.rewound.contains(record.topicPartition) { return false }
            guard merges[record.partition] != nil else { return false }
            merges[record.partition]?.add(record)
            return true
        case .partitionsAssigned(let partitions):
            try await processMergedAndSettle()
            decodingAhead?.forgetAll()
            try await assign(partitions)
        case .partitionsRevoked(let partitions):
            try await processMergedAndSettle()
            decodingAhead?.forgetAll()
            try await release(partitions, lost: false)
        case .partitionsLost(let partitions):
            // A commit under way ends first, as it would have before the partitions were lost.
            try await finishCommits(waiting: true)
            decodingAhead?.forgetAll()
            try await release(partitions, lost: true)
        case .endOfPartition(let partition, _):
            merges[partition.partition]?.reachedEnd(partition)
        }
        return false
    }

    /// Waits for the commits under way, processes what the merges hold, and waits for the commits
    /// that started meanwhile: before a rebalance or shutdown, nothing of a partition is left in
    /// flight.
    @inlinable func processMergedAndSettle() async throws {
        try await finishCommits(waiting: true)
        try await processMerged()
        try await finishCommits(waiting: true)
    }

    /// Processes every record the merge order releases now, except those of partitions whose
    /// commit is under way: they wait in their merge until it ends.
    @inlinable func processMerged() async throws {
        for number in merges.keys.sorted() {
            while commitsInFlight[number] == nil, let record = merges[number]?.next(now: .now) {
                guard let task = tasks[number] else { break }
                try await process(record, in: task)
            }
        }
    }

    // MARK: Records

    @inlinable func process(_ record: ConsumerRecord, in task: OwnedPartition) async throws {
        if task.rewound.contains(record.topicPartition) { return }
        metrics.recordIn(topic: record.topic)
        let position = RecordPosition(record.topicPartition, offset: record.offset)
        let misplacedTo = expectedPartition(of: record)
        let alone = task.poison.isIsolated(position)
        if alone && task.pendingRecords > 0 {
            // A suspect record is committed on its own, so that a failure names it.
            try await commit(task)
            if task.rewound.contains(record.topicPartition) { return }
        }
        guard try await perform(task.transaction.prepareToAdd(), on: task) != .aborted else { return }
        let verdict = task.poison.verdict(at: position)
        do {
            if let verdict {
                try await sendPoisonLetter(record, verdict: verdict, task: task)
            } else if let misplacedTo {
                try await reroute(record, to: misplacedTo, task: task)
            } else {
                try await apply(record, to: task)
                // Its transaction was aborted to be processed again, each input checked.
                if task.rewound.contains(record.topicPartition) { return }
            }
        } catch let error as KafkaError {
            logger.error("processing failed: \(error)", metadata: record.logMetadata)
            if verdict != nil { task.poison.letterFailed(at: position) }
            try await perform(task.transaction.failedInside(error, now: .now), on: task, failing: position, cause: error)
            return
        }
        task.didConsume(record)
        if alone { task.commitBeforeNext = true }
        // The count is checked per record, so a poll larger than the count commits on time. A
        // suspect record's transaction is committed before the loop goes on; any other goes off
        // the loop, and this partition's next records wait for it.
        if task.commitBeforeNext {
            try await commit(task)
        } else if task.pendingRecords >= configuration.commitRecords {
            try await startCommit(task)
        }
    }

    /// Where a keyed record should be, when it is not in the partition the topic catalog's
    /// partitioner (murmur2, as the services' producers use) gives its key; `nil` when it is.
    @inlinable func expectedPartition(of record: ConsumerRecord) -> Int32? {
        guard let key = record.key, let count = inputPartitions[record.topic], count > 1 else { return nil }
        let expected = Partitioner.murmur2.partition(of: key, partitions: count)
        return expected == record.partition ? nil : expected
    }

    // MARK: Time-driven work

    @inlinable func tickIfDue() async throws {
        guard ContinuousClock.now - lastTick >= configuration.tickInterval else { return }
        lastTick = .now
        let now = clock()
        for task in tasks.values.sorted(by: { $0.partition < $1.partition }) where commitsInFlight[task.partition] == nil {
            for key in task.store.keys {
                guard let entry = task.store.entry(for: key), let state = entry.state else { continue }
                let outcome = processor.tick(state: state, context: ProcessingContext(key: key, now: now, reference: reference.current))
                guard outcome.state != state || !outcome.emissions.isEmpty else { continue }
                guard try await perform(task.transaction.prepareToAdd(), on: task) != .aborted else { break }
                do {
                    try await applyTick(outcome, entry: entry, key: key, task: task, at: now)
                } catch let error as KafkaError {
                    logger.error("time-driven work failed: \(error)", metadata: ["pmo.key": "\(key)"])
                    try await perform(task.transaction.failedInside(error, now: .now), on: task, cause: error)
                    break
                }
            }
        }
    }

    /// Commits every open transaction, closes the producers and leaves the group.
    @inlinable func shutDown() async throws {
        logger.info("shutting down: committing open transactions and leaving the group")
        try await processMergedAndSettle()
        for task in tasks.values.sorted(by: { $0.partition < $1.partition }) {
            try await commit(task)
            if task.inTransaction { try await perform(task.transaction.abandon(now: .now), on: task) }
            await task.producer.close(timeout: configuration.callTimeout)
        }
        for task in parked.values { await task.producer.close(timeout: configuration.callTimeout) }
        await movedRecords?.close(timeout: configuration.callTimeout)
        tasks.removeAll()
        parked.removeAll()
        merges.removeAll()
        try await consumer.close()
        status.update {
            $0.running = false
            $0.assignedPartitions = []
        }
        status.progress.forgetAll()
    }
}

extension ConsumerRecord {
    /// Log metadata naming the record.
    @inlinable var logMetadata: Logger.Metadata {
        [
            "kafka.topic": "\(topic)", "kafka.partition": "\(partition)", "kafka.offset": "\(offset)",
            "pmo.key": "\(keyString ?? "")",
        ]
    }
}

extension Duration {
    @inlinable var wholeNanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
