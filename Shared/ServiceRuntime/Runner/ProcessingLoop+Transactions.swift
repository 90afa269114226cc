import Foundation
import Kafka
import Logging
import PMOModel

/// How a transactional step ended, as far as the record being processed is concerned.
@usableFromInline enum TransactionStep: Equatable {
    /// Carry on (a transaction is open, or there was nothing to do).
    case proceeded
    /// The transaction committed.
    case committed
    /// The transaction was aborted and its input partitions rewound.
    case aborted
}

extension ProcessingLoop {
    /// Starts the commit of every task whose transaction is due (by count or age), off the loop
    /// (``startCommit(_:)``).
    @inlinable func commitDue() async throws {
        let due = tasks.values
            .filter { commitsInFlight[$0.partition] == nil
                && $0.isDue(records: configuration.commitRecords, interval: configuration.commitInterval) }
            .sorted { $0.partition < $1.partition }
        for task in due { try await startCommit(task) }
    }

    /// Starts committing the task's open transaction off the loop: its changed states are
    /// encoded here, then a `CommitAttempt` makes the calls (flush and changelog, offsets,
    /// commit) while the loop processes the other partitions. ``finishCommits(waiting:)`` feeds
    /// the outcome, call by call, into the partition's state machine, which handles any failure
    /// as a commit made on the loop would.
    @inlinable func startCommit(_ task: OwnedPartition) async throws {
        guard commitsInFlight[task.partition] == nil, case .open = task.transaction.phase,
              try await prepareChangelog(task), try await releaseLatest(task) else { return }
        let offsets = task.pendingOffsets.map { TopicPartitionOffset($0.key, offset: $0.value) }
            .sorted { $0.topicPartition < $1.topicPartition }
        let action = task.transaction.commit(withOffsets: !offsets.isEmpty, now: .now)
        guard action == .call(.flushAndWriteChangelog, pause: .zero) else {
            try await perform(action, on: task)
            return
        }
        let attempt = CommitAttempt(producer: task.producer, moves: task.moves, changelog: changelogRecords(of: task),
                                    offsets: offsets, callTimeout: configuration.callTimeout)
        commitsInFlight[task.partition] = (task, CommitInFlight(attempt, consumer: consumer))
    }

    /// Takes the outcome of each commit under way that has ended (of every one, waiting for
    /// them, when `waiting`), in partition order, and carries on from it.
    @inlinable func finishCommits(waiting: Bool) async throws {
        for number in commitsInFlight.keys.sorted() {
            guard let (task, commit) = commitsInFlight[number], waiting || commit.isFinished else { continue }
            let outcome = try await commit.outcome
            commitsInFlight[number] = nil
            try await finish(task, after: outcome, changelogRecords: commit.attempt.changelog.count)
        }
    }

    /// Feeds what a `CommitAttempt` did into the task's state machine, call by call, then carries
    /// on from there as `perform` does (to `markCommitted`, or through retries or an abort).
    @inlinable func finish(_ task: OwnedPartition, after outcome: CommitAttempt.Outcome, changelogRecords: Int) async throws {
        var action = PartitionTransaction.Action.call(.flushAndWriteChangelog, pause: .zero)
        for (call, duration) in outcome.durations { metrics.transactionCall(call, took: duration) }
        for call in outcome.completed {
            guard action == .call(call, pause: .zero) else {
                throw FatalProcessingError("partition \(task.partition): commit steps out of order: \(call) done, \(action) expected")
            }
            switch call {
            case .flushAndWriteChangelog:
                for _ in 0..<changelogRecords { metrics.recordOut(topic: processor.changelogTopic) }
                action = task.transaction.changelogWritten()
            case .sendOffsets:
                action = task.transaction.offsetsSent()
            case .commit:
                action = task.transaction.committed()
            case .begin, .abort:
                throw FatalProcessingError("partition \(task.partition): \(call) is not a commit step")
            }
        }
        guard let (call, error) = outcome.failure else {
            try await perform(action, on: task)
            return
        }
        logger.warning("transactional call \(call) failed: \(error)", metadata: ["kafka.partition": "\(task.partition)"])
        try await perform(task.transaction.callFailed(call, error, now: .now), on: task, cause: error)
    }

    /// Encodes the state of each key the open transaction changed, once, for its changelog
    /// record. When one is over the record size limit, aborts the transaction (its inputs are
    /// read again, each input's state then checked as it is applied) and returns false.
    @inlinable func prepareChangelog(_ task: OwnedPartition) async throws -> Bool {
        let partition = task.partition
        guard let problem = task.store.encodePending({ key, entry in stateRecord(entry, key: key, partition: partition) }) else {
            return true
        }
        return try await refuseCommit(task, problem: "\(problem)")
    }

    /// Encodes and queues the outputs to coalesced topics the open transaction holds (the last
    /// per key), so that the commit's flush sends them with the rest. When one breaks the
    /// contracts or is over the record size limit, aborts the transaction so that its inputs are
    /// processed again, each checked as it is applied (``PartitionTask/checksEachInput``); when
    /// one cannot be queued, aborts it too. Returns false when it aborted.
    @inlinable func releaseLatest(_ task: OwnedPartition) async throws -> Bool {
        guard !task.latest.isEmpty else { return true }
        var records: [ProducerRecord] = []
        records.reserveCapacity(task.latest.count)
        for output in task.latest.outputs {
            switch output {
            case .encoded(let record):
                records.append(record)
            case .deferred(let held):
                let record: ProducerRecord
                do throws(ContractError) {
                    record = held.stamp(try translation.encode(held.emission, id: held.id, topic: held.topic, at: held.time))
                } catch {
                    return try await refuseCommit(task, problem: "an output to \(held.topic) breaks the contracts: \(error)")
                }
                guard sizeLimit.admits(record) else {
                    return try await refuseCommit(task, problem: "an output to \(held.topic) would take \(sizeLimit.size(of: record)) bytes, "
                        + "over the record size limit of \(sizeLimit.maximum) (message.max.bytes)")
                }
                records.append(record)
            }
        }
        task.latest.removeAll()
        do {
            for record in records { try await send(record, task: task) }
        } catch let error as KafkaError {
            logger.error("queueing the transaction's coalesced outputs failed: \(error)",
                         metadata: ["kafka.partition": "\(task.partition)"])
            try await perform(task.transaction.failedInside(error, now: .now), on: task, cause: error)
            return false
        }
        return true
    }

    /// Aborts the open transaction because something encoded for its commit cannot be written,
    /// so that its inputs are processed again, each one's state and outputs checked as it is
    /// applied (the input responsible then becomes a dead letter). Returns false.
    @inlinable func refuseCommit(_ task: OwnedPartition, problem: String) async throws -> Bool {
        logger.warning("the commit cannot write what the transaction holds; processing its inputs again, each checked: \(problem)",
                       metadata: ["kafka.partition": "\(task.partition)"])
        task.checksEachInput = true
        try await perform(task.transaction.uncommittable(now: .now), on: task)
        return false
    }

    /// The changelog records of the task's open transaction: each changed key's new state.
    @inlinable func changelogRecords(of task: OwnedPartition) -> [ProducerRecord] {
        task.store.pendingValues.map { key, value in
            ProducerRecord(topic: processor.changelogTopic, partition: task.partition, key: Array(key.utf8), value: value)
        }
    }

    /// Waits for the transaction's outputs, writes the changed state to the changelog, adds the
    /// consumed offsets and commits (see `PartitionTransaction.CommitStep`).
    @discardableResult
    @inlinable func commit(_ task: OwnedPartition) async throws -> TransactionStep {
        guard case .open = task.transaction.phase else { return .proceeded }
        guard try await prepareChangelog(task), try await releaseLatest(task) else { return .aborted }
        return try await perform(task.transaction.commit(withOffsets: !task.pendingPositions.isEmpty, now: .now), on: task)
    }

    /// The first commit step, made on the loop: `CommitAttempt`'s, with the changelog records
    /// counted.
    @inlinable func flushAndWriteChangelog(_ task: OwnedPartition) async throws {
        let changelog = changelogRecords(of: task)
        try await CommitAttempt.flushAndWriteChangelog(producer: task.producer, moves: task.moves, changelog: changelog,
                                                       callTimeout: configuration.callTimeout)
        for _ in changelog { metrics.recordOut(topic: processor.changelogTopic) }
    }

    /// Carries out what the task's transaction state machine asks for, feeding each call's
    /// outcome back into it, until it says to proceed, the transaction committed or aborted, or
    /// the instance must exit (then it marks itself failed and throws `FatalProcessingError`).
    ///
    /// - Parameters:
    ///   - failing: the record being processed when the transaction failed, if any.
    ///   - cause: the error that made the transaction fail, if any.
    ///   - seeking: whether an abort moves the consumer back (not for partitions already lost).
    @discardableResult
    @inlinable func perform(_ first: PartitionTransaction.Action, on task: OwnedPartition, failing: RecordPosition? = nil,
                 cause: KafkaError? = nil, seeking: Bool = true) async throws -> TransactionStep {
        var action = first
        var cause = cause
        while true {
            switch action {
            case .proceed:
                return .proceeded
            case .call(let call, let pause):
                if pause > .zero { try await Task.sleep(for: pause) }
                logger.trace("transactional call", metadata: ["kafka.partition": "\(task.partition)", "pmo.call": "\(call)"])
                let started = ContinuousClock.now
                defer { metrics.transactionCall(call, took: ContinuousClock.now - started) }
                do {
                    switch call {
                    case .begin:
                        try await task.producer.beginTransaction()
                        task.didBegin()
                        return .proceeded
                    case .flushAndWriteChangelog:
                        try await flushAndWriteChangelog(task)
                        action = task.transaction.changelogWritten()
                    case .sendOffsets:
                        let offsets = task.pendingOffsets.map { TopicPartitionOffset($0.key, offset: $0.value) }
                        try await task.producer.sendOffsetsToTransaction(offsets, consumer: consumer, timeout: configuration.callTimeout)
                        action = task.transaction.offsetsSent()
                    case .commit:
                        try await task.producer.commitTransaction(timeout: configuration.callTimeout)
                        action = task.transaction.committed()
                    case .abort:
                        try await task.producer.abortTransaction(timeout: configuration.callTimeout)
                        metrics.transactionAborted()
                        action = task.transaction.aborted()
                    }
                } catch let error as KafkaError {
                    logger.warning("transactional call \(call) failed: \(error)", metadata: ["kafka.partition": "\(task.partition)"])
                    if error.requiresAbort || cause == nil { cause = error }
                    action = task.transaction.callFailed(call, error, now: .now)
                }
            case .markCommitted:
                recordCommitted(task)
                return .committed
            case .rewind:
                if let cause {
                    task.poison.aborted(after: cause, failing: failing, records: task.pendingPositions, reached: task.pendingOffsets)
                }
                let rewind = task.didAbort(failing: failing)
                for offset in rewind { merges[task.partition]?.discard(offset.topicPartition) }
                decodingAhead?.forget(Set(rewind.map(\.topicPartition)))
                if seeking { try await consumer.seek(rewind) }
                logger.warning("aborted the transaction and rewound to the committed offsets",
                               metadata: ["kafka.partition": "\(task.partition)", "kafka.offsets": "\(rewind)"])
                return .aborted
            case .exit(let reason):
                logger.critical("cannot continue: \(reason)", metadata: ["kafka.partition": "\(task.partition)"])
                status.update { $0.failure = $0.failure ?? "partition \(task.partition): \(reason)" }
                throw FatalProcessingError("partition \(task.partition): \(reason)")
            }
        }
    }

    /// Bookkeeping after a commit: latency, counters, the task's committed state, progress.
    @inlinable func recordCommitted(_ task: OwnedPartition) {
        metrics.transactionCommitted(inputTimestamps: task.pendingTimestamps)
        let offsets = task.pendingOffsets
        task.didCommit()
        status.progress.committed(offsets)
    }
}
