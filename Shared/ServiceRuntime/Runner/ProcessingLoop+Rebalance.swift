import Foundation
import Kafka
import Logging
import PMOModel

extension ProcessingLoop {
    /// Takes partitions on: one task per new partition number, whose producer fences the
    /// previous owner, then restores its state before any of its records is processed.
    func assign(_ partitions: [TopicPartition]) async throws {
        let numbers = Set(partitions.map(\.partition)).subtracting(tasks.keys).sorted()
        guard !numbers.isEmpty else {
            status.update { $0.joinedGroup = true }
            return
        }
        status.update { $0.restoring = true }
        let started = ContinuousClock.now
        var created: [OwnedPartition] = []
        for number in numbers {
            let producer = try KafkaProducer(
                configuration: configuration.partitionProducer(service: processor.name, partition: number),
                logger: logger)
            // Fences the partition's previous owner and aborts what it left open, before the
            // changelog is read.
            try await producer.initTransactions(timeout: configuration.callTimeout)
            created.append(OwnedPartition(partition: number, producer: producer))
        }
        try await restore(created)
        let committed = try await consumer.committed(partitions)
        for entry in committed where entry.offset >= 0 {
            tasks[entry.partition]?.committedOffsets[entry.topicPartition] = entry.offset
            created.first { $0.partition == entry.partition }?.committedOffsets[entry.topicPartition] = entry.offset
        }
        for task in created { tasks[task.partition] = task }
        let elapsed = ContinuousClock.now - started
        metrics.restoreDuration.recordNanoseconds(elapsed.wholeNanoseconds)
        status.update {
            $0.restoring = false
            $0.joinedGroup = true
            $0.assignedPartitions = tasks.keys.sorted()
        }
        logger.info("partitions restored", metadata: [
            "kafka.partitions": "\(numbers)", "pmo.keys": "\(created.map(\.store.count).reduce(0, +))",
            "pmo.restore_ms": "\(elapsed.wholeNanoseconds / 1_000_000)",
        ])
    }

    /// Reads the tasks' changelog partitions to their end into their stores.
    func restore(_ restoring: [OwnedPartition]) async throws {
        let reader = try KafkaConsumer(configuration: configuration.reader(service: processor.name, purpose: "restore"),
                                       groupID: nil, logger: logger)
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
        if !start.isEmpty {
            try reader.assign(start)
            var lastReport = ContinuousClock.now
            while !unfinished.isEmpty {
                for event in try await reader.pollBatch(maxEvents: 5000, timeout: .milliseconds(200)) {
                    switch event {
                    case .record(let record):
                        guard let task = byPartition[record.partition], let key = record.keyString else { continue }
                        guard let value = record.value else {
                            task.store.restore(nil, for: key)
                            continue
                        }
                        do {
                            task.store.restore(try PMOJSON.decode(KeyedState<Processor.State>.self, from: Data(value)), for: key)
                        } catch {
                            logger.error("changelog record unreadable, key state dropped: \(error)", metadata: record.logMetadata)
                        }
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
        try await reader.close()
    }

    /// Gives up partitions: commits their open transactions first (or aborts them when lost).
    func release(_ partitions: [TopicPartition], lost: Bool) async throws {
        let numbers = Set(partitions.map(\.partition))
        for number in numbers.sorted() {
            guard let task = tasks.removeValue(forKey: number) else { continue }
            if lost {
                if task.inTransaction {
                    try? await task.producer.abortTransaction(timeout: configuration.callTimeout)
                    metrics.aborted.increment()
                }
            } else {
                try await commit(task)
            }
            await task.producer.close(timeout: configuration.callTimeout)
        }
        status.update { $0.assignedPartitions = tasks.keys.sorted() }
    }
}
