import Foundation
import Kafka
import Logging
import PMOModel
import Synchronization

/// The reference data of a service (policy, roster, …), read in full from the reference topics
/// by every instance and kept current for as long as the instance runs.
@usableFromInline final class ReferenceTables<Processor: EventProcessor>: Sendable {
    @usableFromInline let value: Mutex<Processor.Reference>
    @usableFromInline let loaded = Atomic<Bool>(false)
    @usableFromInline let processor: Processor
    @usableFromInline let logger: Logger

    @inlinable init(processor: Processor, logger: Logger) {
        self.processor = processor
        self.value = Mutex(processor.initialReference)
        self.logger = logger
    }

    /// The reference data as of now.
    @inlinable var current: Processor.Reference { value.withLock { $0 } }

    /// Whether every reference partition has been read to its end once.
    @inlinable var isLoaded: Bool { loaded.load(ordering: .acquiring) }

    /// Reads the reference topics from the beginning, then follows them until cancelled.
    /// `onLoaded` is called once every partition has been read to its end.
    @inlinable func follow(reader: KafkaConsumer, partitions: [TopicPartition], onLoaded: @Sendable () -> Void) async throws {
        if partitions.isEmpty {
            loaded.store(true, ordering: .releasing)
            onLoaded()
            return
        }
        try reader.assign(partitions.map { TopicPartitionOffset($0, offset: KafkaOffset.beginning) })
        var unfinished = Set(partitions)
        let registry = processor.registry
        while !Task.isCancelled {
            for event in try await reader.pollBatch(maxEvents: 500, timeout: .milliseconds(200)) {
                switch event {
                case .record(let record):
                    let decoded = Result { () throws(ContractError) in
                        try registry.decode(record)
                    }
                    switch decoded {
                    case .success(let event):
                        value.withLock { processor.apply(reference: event, to: &$0) }
                    case .failure(let error):
                        logger.error("reference record rejected: \(error)", metadata: [
                            "kafka.topic": "\(record.topic)", "kafka.partition": "\(record.partition)",
                            "kafka.offset": "\(record.offset)", "pmo.error_class": "\(error.errorClass)",
                        ])
                    }
                case .endOfPartition(let partition, _):
                    if unfinished.remove(partition) != nil, unfinished.isEmpty, !isLoaded {
                        loaded.store(true, ordering: .releasing)
                        logger.info("reference data loaded", metadata: ["kafka.partitions": "\(partitions)"])
                        onLoaded()
                    }
                default:
                    break
                }
            }
        }
    }
}
