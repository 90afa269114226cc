import Foundation
import Kafka
import Logging
import PMOModel
import ServiceLifecycle
import Synchronization

/// Runs one `EventProcessor` as a service instance: creates missing topics, loads the reference
/// data, and drives the transactional processing loop until graceful shutdown (SIGTERM/SIGINT
/// through swift-service-lifecycle) or a fatal error, which it rethrows so the process exits
/// non-zero and the orchestrator restarts it.
public final class ServiceRunner<Processor: EventProcessor>: Service {
    public let processor: Processor
    public let configuration: RuntimeConfiguration
    public let metrics: RuntimeMetrics
    public let status: RuntimeStatus
    @usableFromInline let clock: @Sendable () -> Date
    @usableFromInline let tracing: EventTracing
    @usableFromInline let logger: Logger
    @usableFromInline let stopRequested = StopSignal()

    /// - Parameters:
    ///   - clock: now, for handlers and ticks; the system clock unless a test injects one.
    ///   - tracing: the spans of each processing step; off (context carried through) by default.
    @inlinable public init(processor: Processor, configuration: RuntimeConfiguration, logger: Logger,
                metrics: RuntimeMetrics? = nil, status: RuntimeStatus? = nil,
                clock: @escaping @Sendable () -> Date = { Date() }, tracing: EventTracing = .off) {
        self.processor = processor
        self.configuration = configuration
        self.metrics = metrics ?? RuntimeMetrics(service: processor.name)
        self.status = status ?? RuntimeStatus(stallLimit: configuration.stallLimit)
        self.clock = clock
        self.tracing = tracing
        var logger = logger
        logger[metadataKey: "pmo.service"] = "\(processor.name)"
        logger[metadataKey: "pmo.instance"] = "\(configuration.instanceID)"
        self.logger = logger
    }

    @inlinable public func run() async throws {
        do {
            try await withGracefulShutdownHandler {
                try await runUntilStopped()
            } onGracefulShutdown: { [stopRequested, configuration, logger] in
                stopRequested.raise()
                // Bounded shutdown: if committing, leaving the group and flushing hang (a broker
                // gone for good), give up so that the orchestrator is not kept waiting.
                stopRequested.watchdog = Task.detached {
                    try await Task.sleep(for: configuration.shutdownTimeout)
                    logger.critical("graceful shutdown did not finish within \(configuration.shutdownTimeout); exiting")
                    exit(1)
                }
            }
        } catch {
            status.update { $0.failure = $0.failure ?? "\(error)" }
            throw error
        }
        stopRequested.watchdog?.cancel()
    }

    @inlinable func runUntilStopped() async throws {
        let undecodable = processor.undecodableCatalogTypes
        guard undecodable.isEmpty else {
            throw refusal("the service reads event types it cannot decode (topic: types): \(undecodable.sorted { $0.key < $1.key })"
                + "; add them to its registry")
        }
        let uncompacted = processor.uncompactedCoalescedTopics
        guard uncompacted.isEmpty else {
            throw refusal("the service coalesces records of topics that are not compacted outputs of it: \(uncompacted)"
                + "; a topic that keeps every record would lose those its readers expect")
        }
        let admin = try KafkaAdmin(configuration: configuration.kafka, logger: logger)
        if configuration.createTopics {
            try await provisionTopics(admin)
        }
        let inputPartitions = try await checkPartitionCounts(admin)
        let progress = status.progress
        let consumer = try KafkaConsumer(
            configuration: configuration.inputConsumer(service: processor.name), groupID: configuration.groupID,
            logger: logger, statistics: { progress.update(fromStatistics: $0) })
        let reference = ReferenceTables(processor: processor, logger: logger)
        let referenceReader = try KafkaConsumer(
            configuration: configuration.reader(service: processor.name, purpose: "reference"), groupID: nil, logger: logger)
        let referencePartitions = try await partitions(of: processor.referenceTopics, admin: admin)
        let status = self.status
        let logger = self.logger
        let following = Task {
            do {
                try await reference.follow(reader: referenceReader, partitions: referencePartitions) {
                    status.update { $0.referenceLoaded = true }
                }
            } catch is CancellationError {
            } catch {
                // Without current reference data the service would decide on stale rules: stop.
                logger.critical("reading the reference data failed: \(error)")
                status.update { $0.failure = "reading the reference data failed: \(error)" }
            }
        }
        defer { following.cancel() }
        try await waitUntilLoaded(reference)

        let loop = ProcessingLoop(processor: processor, configuration: configuration, consumer: consumer,
                                  reference: reference, metrics: metrics, status: status, inputPartitions: inputPartitions,
                                  clock: clock, tracing: tracing, logger: logger)
        try await loop.run(until: stopRequested)
        following.cancel()
        _ = await following.result
        try? await referenceReader.close()
    }

    /// Waits until the reference topics are read to their end; throws if reading them failed.
    @usableFromInline func waitUntilLoaded(_ reference: ReferenceTables<Processor>) async throws {
        var waited = ContinuousClock.now
        while !reference.isLoaded {
            if stopRequested.isRaised { return }
            if let failure = status.snapshot.failure { throw FatalProcessingError(failure) }
            try await Task.sleep(for: .milliseconds(50))
            if ContinuousClock.now - waited > .seconds(10) {
                waited = .now
                logger.warning("still loading reference data", metadata: ["pmo.topics": "\(processor.referenceTopics)"])
            }
        }
    }

    /// The cluster's topics. A broker that is busy or briefly unreachable at start (a retriable
    /// error) is asked again for up to the transactions' retry budget, so that an instance started
    /// alongside its broker, or while it is loaded, does not exit for nothing.
    @usableFromInline func topics(_ admin: KafkaAdmin) async throws -> [TopicMetadata] {
        let budget = configuration.transactionLimits.retryBudget
        let started = ContinuousClock.now
        while true {
            do {
                return try await admin.listTopics(timeout: configuration.callTimeout)
            } catch {
                guard error.isRetriable, ContinuousClock.now - started < budget, !stopRequested.isRaised else {
                    throw error
                }
                logger.warning("reading the cluster's topics failed; trying again", metadata: ["error": "\(error)"])
                try await Task.sleep(for: .milliseconds(500))
            }
        }
    }

    /// Creates the service's topics that do not exist yet. The changelog gets the partition count
    /// of the inputs (as they are, or as they are about to be created).
    @usableFromInline func provisionTopics(_ admin: KafkaAdmin) async throws {
        let metadata = try await topics(admin)
        let existing = Set(metadata.map(\.name))
        let inputs = processor.inputTopics.compactMap { TopicCatalog.topic(named: $0).map(TopicDefinition.init) }
        let outputs = processor.outputTopics
        let inputPartitions = processor.inputTopics.lazy.compactMap { name in
            metadata.first { $0.name == name }.map { Int($0.partitions) }
                ?? (inputs + outputs).first { $0.name == name }?.partitions
        }.first ?? TopicCatalog.projectPartitions
        let wanted = inputs
            + processor.referenceTopics.compactMap { TopicCatalog.topic(named: $0).map(TopicDefinition.init) }
            + outputs
            + [TopicDefinition(name: processor.changelogTopic, partitions: inputPartitions, compacted: true),
               TopicDefinition(name: processor.deadLetterTopic, partitions: 1,
                               retentionMs: TopicCatalog.deadLetterRetentionMs)]
        var seen = Set<String>()
        let missing = wanted.filter { !existing.contains($0.name) && seen.insert($0.name).inserted }
        guard !missing.isEmpty else { return }
        let created = try await admin.createTopics(missing.map(\.newTopic), timeout: configuration.callTimeout)
        logger.info("topics created", metadata: ["kafka.topics": "\(created.filter { $0.value == .created }.keys.sorted())"])
    }

    /// Why the instance refuses to run, logged and shown by `/healthz`: the error to throw.
    @usableFromInline func refusal(_ reason: String) -> FatalProcessingError {
        logger.critical("\(reason)")
        status.update { $0.failure = reason }
        return FatalProcessingError(reason)
    }

    /// Refuses to run unless every input topic and the changelog have the same partition count:
    /// partition N of each must hold the same keys, or a key's records would meet different state.
    /// Returns each input topic's partition count.
    @usableFromInline func checkPartitionCounts(_ admin: KafkaAdmin) async throws -> [String: Int32] {
        let metadata = try await topics(admin)
        var counts: [String: Int32] = [:]
        for topic in processor.inputTopics + [processor.changelogTopic] {
            guard let found = metadata.first(where: { $0.name == topic }) else {
                throw refusal("topic \(topic) does not exist (create it, or run with --create-topics)")
            }
            counts[topic] = found.partitions
        }
        let verdict = CoPartitioning.check(counts, changelog: processor.changelogTopic)
        if case .mismatch(let reason) = verdict {
            throw refusal(reason)
        }
        counts[processor.changelogTopic] = nil
        return counts
    }

    /// Every partition of `topics`, from the cluster's metadata.
    @usableFromInline func partitions(of topics: [String], admin: KafkaAdmin) async throws -> [TopicPartition] {
        guard !topics.isEmpty else { return [] }
        let metadata = try await self.topics(admin)
        return topics.flatMap { topic -> [TopicPartition] in
            let count = metadata.first { $0.name == topic }?.partitions ?? 1
            return (0..<count).map { TopicPartition(topic, $0) }
        }
    }
}

extension TopicDefinition {
    /// The admin client's description of the topic.
    @usableFromInline var newTopic: NewTopic {
        var configs = ["cleanup.policy": compacted ? "compact" : "delete"]
        if let retentionMs { configs["retention.ms"] = String(retentionMs) }
        return NewTopic(name: name, partitions: Int32(partitions), configs: configs)
    }
}

/// Set once, when graceful shutdown begins; read by the processing loop between batches. It also
/// holds the watchdog that bounds the shutdown, cancelled when the shutdown completes.
@usableFromInline final class StopSignal: Sendable {
    @usableFromInline let raised = Atomic<Bool>(false)
    @usableFromInline let watchdogTask = Mutex<Task<Void, any Error>?>(nil)

    @usableFromInline init() {}

    @inlinable func raise() { raised.store(true, ordering: .releasing) }

    @inlinable var isRaised: Bool { raised.load(ordering: .acquiring) }

    @inlinable var watchdog: Task<Void, any Error>? {
        get { watchdogTask.withLock { $0 } }
        set { watchdogTask.withLock { $0 = newValue } }
    }
}
