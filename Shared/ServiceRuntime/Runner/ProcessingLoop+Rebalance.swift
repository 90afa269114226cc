import Foundation
import Kafka
import Logging
import PMOModel

extension ProcessingLoop {
    /// Takes partitions on: one task per new partition number, whose producer fences the
    /// previous owner, then restores its state before any of its records is processed. A task
    /// parked by the eager rebalance that gave these partitions back keeps its state and producer:
    /// only partitions new to this instance are restored.
    @inlinable func assign(_ partitions: [TopicPartition]) async throws {
        let numbers = Set(partitions.map(\.partition))
        // Parked tasks whose partitions went elsewhere are done with.
        for (number, task) in parked where !numbers.contains(number) {
            await task.producer.close(timeout: configuration.callTimeout)
            parked[number] = nil
        }
        let kept = numbers.filter { parked[$0] != nil }
        for number in kept {
            tasks[number] = parked.removeValue(forKey: number)
        }
        let fresh = numbers.subtracting(tasks.keys).sorted()
        status.update { $0.restoring = !fresh.isEmpty }
        let started = ContinuousClock.now
        var created: [OwnedPartition] = []
        for number in fresh {
            let producer = try KafkaProducer(
                configuration: configuration.partitionProducer(service: processor.name, partition: number),
                logger: logger)
            // Fences the partition's previous owner and aborts what it left open, before the
            // changelog is read.
            do {
                try await producer.initTransactions(timeout: configuration.callTimeout)
            } catch {
                status.update { $0.failure = "initialising the transactions of partition \(number) failed: \(error)" }
                throw FatalProcessingError("initialising the transactions of partition \(number) failed: \(error)")
            }
            created.append(OwnedPartition(partition: number, producer: producer, limits: configuration.transactionLimits,
                                          maximumRecordAttempts: configuration.maximumRecordAttempts))
        }
        try await restore(created)
        let committed = try await consumer.committed(partitions)
        var known: [TopicPartition: Int64] = [:]
        for entry in committed where entry.offset >= 0 { known[entry.topicPartition] = entry.offset }
        for task in created {
            for (partition, offset) in known where partition.partition == task.partition {
                task.committedOffsets[partition] = offset
            }
            tasks[task.partition] = task
        }
        for number in numbers {
            let inputs = partitions.filter { $0.partition == number }
            if merges[number] == nil || fresh.contains(number) {
                merges[number] = InputMerge(inputs: inputs, maximumIdle: configuration.maximumTaskIdle)
            }
        }
        status.progress.assigned(partitions.map { partition in
            (partition.topic, partition.partition, tasks[partition.partition]?.committedOffsets[partition] ?? known[partition])
        })
        let elapsed = ContinuousClock.now - started
        if !fresh.isEmpty { metrics.restored(in: elapsed) }
        status.update {
            $0.restoring = false
            $0.joinedGroup = true
            $0.assignedPartitions = tasks.keys.sorted()
        }
        logger.info("partitions restored", metadata: [
            "kafka.partitions": "\(fresh)", "pmo.kept_partitions": "\(kept.sorted())",
            "pmo.keys": "\(created.map(\.store.count).reduce(0, +))",
            "pmo.restore_ms": "\(elapsed.wholeNanoseconds / 1_000_000)",
        ])
    }

    /// Reads the tasks' changelog partitions to their end into their stores. A value that cannot
    /// be decoded (and that the processor does not migrate) stops the instance: falling back to
    /// older state would roll the key back and lose its deduplication window.
    @inlinable func restore(_ restoring: [OwnedPartition]) async throws {
        guard !restoring.isEmpty else { return }
        let reader = try KafkaConsumer(configuration: configuration.reader(service: processor.name, purpose: "restore"),
                                       groupID: nil, logger: logger)
        do {
            try await read(restoring, with: reader)
        } catch {
            try? await reader.close()
            throw error
        }
        try await reader.close()
    }

    @inlinable func read(_ restoring: [OwnedPartition], with reader: KafkaConsumer) async throws {
        var unfinished: Set<Int32> = []
        var start: [TopicPartitionOffset] = []
        for task in restoring {
            let partition = TopicPartition(processor.changelogTopic, task.partition)
            let marks = try await reader.watermarks(partition)
            if marks.high > marks.low {
                unfinished.insert(task.partition)
                start.append(TopicPartitionOffset(partition, offset: KafkaOffset.beginning))
            }
        }
        let byPartition = Dictionary(uniqueKeysWithValues: restoring.map { ($0.partition, $0) })
        guard !start.isEmpty else { return }
        try reader.assign(start)
        var lastReport = ContinuousClock.now
        while !unfinished.isEmpty {
            for event in try await reader.pollBatch(maxEvents: 5000, timeout: .milliseconds(200)) {
                switch event {
                case .record(let record):
                    guard let task = byPartition[record.partition], let key = record.keyString else { continue }
                    guard let value = record.value else {
                        task.store.restore(nil, size: 0, for: key)
                        continue
                    }
                    task.store.restore(try decodeState(value, key: key, record: record), size: value.count, for: key)
                case .endOfPartition(let partition, _):
                    unfinished.remove(partition.partition)
                default:
                    break
                }
            }
            if ContinuousClock.now - lastReport > .seconds(10) {
                lastReport = .now
                logger.warning("still restoring state", metadata: ["kafka.partitions": "\(unfinished.sorted())"])
            }
        }
    }

    /// One changelog value as state, migrated by the processor when it is in an older format;
    /// throws (after marking the instance failed) when neither works.
    @inlinable func decodeState(_ value: [UInt8], key: String, record: ConsumerRecord) throws -> KeyedState<Processor.State> {
        do {
            return try PMOJSON.decode(KeyedState<Processor.State>.self, from: Data(value))
        } catch {
            if let migrated = processor.migrateState(value, key: key, error: error) {
                metrics.stateMigrated()
                return migrated
            }
            let reason = "the changelog record of key \(key) at \(record.topic)[\(record.partition)]@\(record.offset) "
                + "cannot be read as this version's state and no migration handles it: \(error)"
            logger.critical("\(reason)", metadata: record.logMetadata)
            status.update { $0.failure = reason }
            throw FatalProcessingError(reason)
        }
    }

    /// Gives up partitions: commits their open transactions first (or aborts them when lost).
    /// In an eager rebalance (every partition revoked) the committed tasks are parked with their
    /// state, in case the same rebalance gives them back; lost partitions are never parked.
    @inlinable func release(_ partitions: [TopicPartition], lost: Bool) async throws {
        let numbers = Set(partitions.map(\.partition))
        let eager = !lost && numbers.isSuperset(of: tasks.keys)
        for number in numbers.sorted() {
            guard let task = tasks.removeValue(forKey: number) else { continue }
            merges[number] = nil
            if lost {
                if task.inTransaction {
                    try await perform(task.transaction.abandon(now: .now), on: task, seeking: false)
                }
            } else {
                let step = try await commit(task)
                if step == .aborted { logger.warning("the transaction of a revoked partition was aborted",
                                                     metadata: ["kafka.partition": "\(number)"]) }
            }
            task.poison.forget(Set(partitions.filter { $0.partition == number }))
            if eager && !task.inTransaction {
                parked[number] = task
            } else {
                await task.producer.close(timeout: configuration.callTimeout)
            }
        }
        status.progress.released(numbers)
        status.update { $0.assignedPartitions = tasks.keys.sorted() }
    }
}
