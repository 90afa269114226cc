import Foundation
import Kafka
import Logging
import PMOModel
import Synchronization

/// The consume-transform-produce loop of one service instance.
///
/// It polls the input topics in the service's consumer group; on assignment it creates one
/// `PartitionTask` per partition number (fencing any previous owner), restores its state from
/// the changelog, then processes records; it commits each partition's transaction (outputs,
/// state, dead letters and consumed offsets together) by count or time, before partitions are
/// revoked and at shutdown. It is driven by a single task and is not shared.
final class ProcessingLoop<Processor: EventProcessor> {
    typealias OwnedPartition = PartitionTask<Processor.State>

    let processor: Processor
    let configuration: RuntimeConfiguration
    let consumer: KafkaConsumer
    let reference: ReferenceTables<Processor>
    let translation: RecordTranslation
    let metrics: RuntimeMetrics
    let status: RuntimeStatus
    let clock: @Sendable () -> Date
    let logger: Logger
    var tasks: [Int32: OwnedPartition] = [:]
    private var lastTick = ContinuousClock.now

    init(processor: Processor, configuration: RuntimeConfiguration, consumer: KafkaConsumer,
         reference: ReferenceTables<Processor>, metrics: RuntimeMetrics, status: RuntimeStatus,
         clock: @escaping @Sendable () -> Date, logger: Logger) {
        self.processor = processor
        self.configuration = configuration
        self.consumer = consumer
        self.reference = reference
        self.translation = RecordTranslation(registry: processor.registry, serviceName: processor.name,
                                             source: processor.source)
        self.metrics = metrics
        self.status = status
        self.clock = clock
        self.logger = logger
    }

    /// Runs until `stop` is set (graceful shutdown) or a fatal error is thrown.
    func run(until stop: StopSignal) async throws {
        try consumer.subscribe(topics: processor.inputTopics)
        status.update { $0.running = true }
        while !stop.isRaised {
            if let failure = status.snapshot.failure { throw FatalProcessingError(failure) }
            let events = try await consumer.pollBatch(maxEvents: configuration.batchSize,
                                                      timeout: min(configuration.batchInterval, .milliseconds(100)))
            for task in tasks.values { task.rewound.removeAll() }
            for event in events {
                try await handle(event)
            }
            try await commitDue()
            try await tickIfDue()
        }
        try await shutDown()
    }

    private func handle(_ event: ConsumerEvent) async throws {
        switch event {
        case .record(let record):
            try await process(record)
        case .partitionsAssigned(let partitions):
            try await assign(partitions)
        case .partitionsRevoked(let partitions):
            try await release(partitions, lost: false)
        case .partitionsLost(let partitions):
            try await release(partitions, lost: true)
        case .endOfPartition:
            break
        }
    }

    // MARK: Records

    private func process(_ record: ConsumerRecord) async throws {
        guard let task = tasks[record.partition] else {
            logger.warning("record of a partition this instance does not own", metadata: record.logMetadata)
            return
        }
        if task.rewound.contains(record.topicPartition) { return }
        metrics.recordIn(topic: record.topic)
        do {
            try task.ensureTransaction()
            try await apply(record, to: task)
        } catch let error as KafkaError {
            try await recover(task, from: error, during: "processing \(record.topic)[\(record.partition)]@\(record.offset)")
            return
        }
        task.pendingOffsets[record.topicPartition] = record.offset + 1
        task.pendingRecords += 1
        if let timestamp = record.timestampMilliseconds { task.pendingTimestamps.append(timestamp) }
    }

    /// Decodes, deduplicates and handles one record inside the task's open transaction.
    private func apply(_ record: ConsumerRecord, to task: OwnedPartition) async throws {
        let now = clock()
        let decoded: DecodedEvent
        switch translation.decode(record) {
        case .failure(let error):
            try await sendToDeadLetters(record, errorClass: error.errorClass, message: error.description, task: task, at: now)
            return
        case .success(let event):
            decoded = event
        }
        let key = decoded.attributes.subject
        var entry = task.store.entry(for: key)
            ?? KeyedState(state: nil, applied: DeduplicationWindow(capacity: configuration.deduplicationCapacity))
        let identity = DeduplicationWindow.identity(source: decoded.attributes.source, id: decoded.attributes.id)
        if entry.applied.contains(identity) {
            metrics.duplicate(topic: record.topic)
            logger.debug("duplicate event skipped", metadata: record.logMetadata.merging(["pmo.event_id": "\(identity)"]) { $1 })
            return
        }
        let context = ProcessingContext(key: key, now: now, reference: reference.current)
        let outcome = processor.handle(decoded, state: entry.state, context: context)
        let outputs: [ProducerRecord]
        switch encode(outcome.emissions, defaultID: { "\(record.topic)/\(record.partition)/\(record.offset)/\($0)" }, at: now) {
        case .success(let records):
            outputs = records
        case .failure(let error):
            // The handler emitted something the contracts reject: a bug, not bad input. The input
            // is kept in the dead letters so that nothing is lost, and the state is left as it was.
            logger.error("handler output rejected: \(error)", metadata: record.logMetadata)
            try await sendToDeadLetters(record, errorClass: "handler-output-invalid", message: error.description,
                                        task: task, at: now)
            return
        }
        for output in outputs {
            try await send(output, task: task)
        }
        entry.state = outcome.state
        entry.applied.insert(identity)
        task.store.set(entry, for: key)
    }

    private func encode(_ emissions: [Emission], defaultID: (Int) -> String, at now: Date) -> Result<[ProducerRecord], ContractError> {
        Result { () throws(ContractError) in
            try emissions.enumerated().map { (index, emission) throws(ContractError) in
                let eventType = type(of: emission.event).eventType
                guard let topic = emission.topic ?? processor.topic(for: eventType) else {
                    throw .unknownEventType(eventType)
                }
                return try translation.encode(emission, id: emission.id ?? defaultID(index), topic: topic, at: now)
            }
        }
    }

    private func sendToDeadLetters(_ record: ConsumerRecord, errorClass: String, message: String, task: OwnedPartition,
                                   at now: Date) async throws {
        logger.warning("record sent to the dead letters: \(message)",
                       metadata: record.logMetadata.merging(["pmo.error_class": "\(errorClass)"]) { $1 })
        metrics.deadLetter(topic: record.topic, errorClass: errorClass)
        let letter = translation.deadLetter(for: record, errorClass: errorClass, message: message,
                                            topic: processor.deadLetterTopic, at: now)
        try await send(letter, task: task)
    }

    /// Queues one record in the task's transaction (waiting while the local queue is full).
    /// Throws `KafkaError`, or `CancellationError` when the instance is being torn down.
    func send(_ record: ProducerRecord, task: OwnedPartition) async throws {
        try await task.producer.produce(record)
        metrics.recordOut(topic: record.topic)
    }

    // MARK: Time-driven work

    private func tickIfDue() async throws {
        guard ContinuousClock.now - lastTick >= configuration.tickInterval else { return }
        lastTick = .now
        let now = clock()
        let millis = Int64((now.timeIntervalSince1970 * 1000).rounded())
        for task in tasks.values.sorted(by: { $0.partition < $1.partition }) {
            for key in task.store.keys {
                guard var entry = task.store.entry(for: key), let state = entry.state else { continue }
                let outcome = processor.tick(state: state, context: ProcessingContext(key: key, now: now, reference: reference.current))
                guard outcome.state != state || !outcome.emissions.isEmpty else { continue }
                do {
                    try task.ensureTransaction()
                    switch encode(outcome.emissions, defaultID: { "tick/\(key)/\(millis)/\($0)" }, at: now) {
                    case .success(let outputs):
                        for output in outputs { try await send(output, task: task) }
                        entry.state = outcome.state
                        task.store.set(entry, for: key)
                        task.pendingRecords += 1
                    case .failure(let error):
                        logger.error("tick output rejected: \(error)", metadata: ["pmo.key": "\(key)"])
                    }
                } catch let error as KafkaError {
                    try await recover(task, from: error, during: "time-driven work")
                    break
                }
            }
        }
    }

    /// Commits every open transaction, closes the producers and leaves the group.
    private func shutDown() async throws {
        logger.info("shutting down: committing open transactions and leaving the group")
        for task in tasks.values.sorted(by: { $0.partition < $1.partition }) {
            try await commit(task)
            await task.producer.close(timeout: configuration.callTimeout)
        }
        tasks.removeAll()
        try await consumer.close()
        status.update {
            $0.running = false
            $0.assignedPartitions = []
        }
    }
}

extension ConsumerRecord {
    /// Log metadata naming the record.
    var logMetadata: Logger.Metadata {
        [
            "kafka.topic": "\(topic)", "kafka.partition": "\(partition)", "kafka.offset": "\(offset)",
            "pmo.key": "\(keyString ?? "")",
        ]
    }
}

extension Duration {
    var wholeNanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
