import Foundation
import Kafka
import Logging
import PMOModel

extension ProcessingLoop {
    /// Commits every task whose transaction is due (by count or age).
    func commitDue() async throws {
        for task in tasks.values where task.isDue(batchSize: configuration.batchSize, interval: configuration.batchInterval) {
            try await commit(task)
        }
    }

    /// Writes the changed state to the changelog, adds the consumed offsets and commits.
    func commit(_ task: OwnedPartition) async throws {
        guard task.inTransaction else { return }
        do {
            for (key, entry) in task.store.pending {
                let value = try PMOJSON.encode(entry)
                try await send(ProducerRecord(topic: processor.changelogTopic, partition: task.partition,
                                              key: Array(key.utf8), value: Array(value)), task: task)
            }
        } catch let error as KafkaError {
            try await recover(task, from: error, during: "writing the changelog")
            return
        }
        let offsets = task.pendingOffsets.map { TopicPartitionOffset($0.key, offset: $0.value) }
        var attempt = 0
        var offsetsSent = false
        while true {
            attempt += 1
            do {
                if !offsetsSent {
                    try await task.producer.sendOffsetsToTransaction(offsets, consumer: consumer, timeout: configuration.callTimeout)
                    offsetsSent = true
                }
                try await task.producer.commitTransaction(timeout: configuration.callTimeout)
                break
            } catch {
                switch TransactionRecovery.decide(error, attempt: attempt) {
                case .retry:
                    logger.warning("transaction commit failed, retrying: \(error)", metadata: ["kafka.partition": "\(task.partition)"])
                    try await Task.sleep(for: .milliseconds(100 * attempt))
                case .abortAndRewind, .exit:
                    try await recover(task, from: error, during: "committing")
                    return
                }
            }
        }
        let nowMillis = Int64((Date().timeIntervalSince1970 * 1000).rounded())
        for timestamp in task.pendingTimestamps {
            metrics.latency.recordMilliseconds(max(0, nowMillis - timestamp))
        }
        metrics.committed.increment()
        task.didCommit()
    }

    /// Applies `TransactionRecovery` to a failed transactional step.
    func recover(_ task: OwnedPartition, from error: KafkaError, during step: String) async throws {
        switch TransactionRecovery.decide(error, attempt: Int.max) {
        case .exit:
            logger.critical("cannot continue after \(step): \(error)", metadata: ["kafka.partition": "\(task.partition)"])
            status.update { $0.failure = "\(error)" }
            throw FatalProcessingError("\(step) failed on partition \(task.partition): \(error)")
        case .retry, .abortAndRewind:
            logger.error("aborting the transaction after \(step): \(error)", metadata: ["kafka.partition": "\(task.partition)"])
            try await abortAndRewind(task)
        }
    }

    /// Aborts the open transaction and moves the consumer back to the last committed offsets.
    func abortAndRewind(_ task: OwnedPartition) async throws {
        if task.inTransaction {
            do {
                try await task.producer.abortTransaction(timeout: configuration.callTimeout)
            } catch where error.isFatal || error.isFenced {
                status.update { $0.failure = "\(error)" }
                throw FatalProcessingError("aborting on partition \(task.partition) failed: \(error)")
            } catch {
                logger.error("abort failed: \(error)", metadata: ["kafka.partition": "\(task.partition)"])
            }
            metrics.aborted.increment()
        }
        let touched = Array(task.pendingOffsets.keys)
        task.didAbort()
        let rewind = touched.map { TopicPartitionOffset($0, offset: task.committedOffsets[$0] ?? KafkaOffset.beginning) }
        try await consumer.seek(rewind)
        logger.warning("rewound to the committed offsets", metadata: ["kafka.offsets": "\(rewind)"])
    }
}
