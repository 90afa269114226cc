import Crypto
import Foundation
import Kafka
import Logging
import Monitoring
import PMOModel
import ServiceLifecycle
import ServiceRuntime

/// The monitoring service's second stage: reads the portfolio register (`pmo.portfolio.register`,
/// every partition, from the beginning, `read_committed`) and the policy (`pmo.config.policy`)
/// and publishes the portfolio summary (`pmo.portfolio.summary`, key = the portfolio id).
///
/// Every instance of the monitoring service runs one and keeps its register current; only the
/// leader publishes (the executable passes "this instance owns input partition 0"), once the
/// register and the policy have been read to their end, at most once per ``Settings/interval``
/// and only when the summary differs from the last one published (``SummaryPublication``). The
/// summary itself is ``PortfolioSummary``.
///
/// Records are produced by an idempotent producer (`enable.idempotence`, `acks=all`), not in a
/// transaction: the summary is derived state, and republishing it is harmless. Its CloudEvents
/// headers are the runtime's, with `ce_source` `/pmo/monitoring` and the deterministic `ce_id`
/// `summary/<portfolio>/<first 16 hex digits of the SHA-256 of the event's JSON>`; the JSON
/// includes `publishedAt`, so a return to earlier figures is a new event that a consumer
/// de-duplicating on (`ce_source`, `ce_id`) does not drop. A record that cannot be decoded is
/// logged and skipped; a tombstone on the register removes its project. A failed send is logged
/// and tried again at the next decision; a fatal Kafka error ends the stage (and the instance).
public final class PortfolioSummaryStage: Service {
    /// How the stage runs.
    public struct Settings: Sendable {
        /// The shortest time between two publications.
        public var interval: Duration
        /// The portfolio summarised (the summary's record key).
        public var portfolioId: String
        /// Longest wait for records before the publication is reconsidered.
        public var pollTimeout: Duration
        /// The register topic.
        public var registerTopic: String
        /// The policy topic.
        public var policyTopic: String
        /// The summary topic.
        public var summaryTopic: String

        /// Settings with the defaults: 5 s, `enterprise`, the catalog's topics.
        public init(interval: Duration = .seconds(5), portfolioId: String = PortfolioSummary.defaultPortfolioId,
                    pollTimeout: Duration = .milliseconds(250), registerTopic: String = "pmo.portfolio.register",
                    policyTopic: String = "pmo.config.policy", summaryTopic: String = "pmo.portfolio.summary") {
            self.interval = interval
            self.portfolioId = portfolioId
            self.pollTimeout = pollTimeout
            self.registerTopic = registerTopic
            self.policyTopic = policyTopic
            self.summaryTopic = summaryTopic
        }
    }

    /// The pause after a failed send before the publication is reconsidered.
    static let retryPause = Duration.seconds(1)

    private let configuration: RuntimeConfiguration
    private let settings: Settings
    private let isLeader: @Sendable () -> Bool
    private let clock: @Sendable () -> Date
    private let logger: Logger

    /// - Parameters:
    ///   - configuration: the instance's runtime configuration (Kafka connection, instance id).
    ///   - isLeader: whether this instance publishes now (asked before every publication).
    ///   - clock: now; the system clock unless a test injects one.
    public init(configuration: RuntimeConfiguration, settings: Settings = Settings(),
                isLeader: @escaping @Sendable () -> Bool, logger: Logger,
                clock: @escaping @Sendable () -> Date = { Date() }) {
        self.configuration = configuration
        self.settings = settings
        self.isLeader = isLeader
        self.clock = clock
        var logger = logger
        logger[metadataKey: "pmo.stage"] = "portfolio-summary"
        self.logger = logger
    }

    /// The companion for ``ServiceLauncher/run(_:options:defaultHTTPPort:logger:companions:)``:
    /// a stage whose leader is the instance that owns input partition 0.
    public static func companion(settings: Settings = Settings(), logger: Logger)
        -> (RuntimeStatus, RuntimeConfiguration) -> [any Service] {
        { status, configuration in
            [PortfolioSummaryStage(configuration: configuration, settings: settings,
                                   isLeader: { status.snapshot.assignedPartitions.contains(0) }, logger: logger)]
        }
    }

    public func run() async throws {
        try await cancelWhenGracefulShutdown {
            do {
                try await self.runUntilCancelled()
            } catch is CancellationError {
            }
        }
    }

    private func runUntilCancelled() async throws {
        let partitions = try await waitForPartitions()
        let reader = try KafkaConsumer(configuration: configuration.kafka.merging([
            "client.id": "monitoring-\(configuration.instanceID)-summary-reader",
            "enable.partition.eof": "true",
            "isolation.level": "read_committed",
        ]), groupID: nil, logger: logger)
        let producer = try KafkaProducer(configuration: configuration.kafka.merging([
            "client.id": "monitoring-\(configuration.instanceID)-summary",
            "enable.idempotence": "true",
            "acks": "all",
            // A send that cannot be delivered fails within this, and is tried again, rather than
            // holding the register's reading up for librdkafka's default five minutes.
            "message.timeout.ms": "30000",
        ]), logger: logger)
        do {
            try reader.assign(partitions.map { TopicPartitionOffset($0, offset: KafkaOffset.beginning) })
            try await follow(reader: reader, producer: producer, partitions: partitions)
        } catch {
            try? await reader.close()
            await producer.close(timeout: .seconds(5))
            throw error
        }
        try? await reader.close()
        await producer.close(timeout: .seconds(5))
    }

    /// Reads the register and the policy and publishes the summary until cancelled.
    private func follow(reader: KafkaConsumer, producer: KafkaProducer, partitions: [TopicPartition]) async throws {
        var state = StageState(unfinished: Set(partitions))
        var publication = SummaryPublication(interval: settings.interval)
        while !Task.isCancelled {
            for event in try await reader.pollBatch(maxEvents: 500, timeout: settings.pollTimeout) {
                state.receive(event, registerTopic: settings.registerTopic, logger: logger)
            }
            let now = clock()
            var leftOut: [String] = []
            let decision = publication.decide(registerLoaded: state.loaded, isLeader: isLeader(), now: now) {
                guard let policy = state.reference.policy else { return nil }
                let summary = PortfolioSummary(register: state.register, policy: policy,
                                               portfolioId: settings.portfolioId, now: now)
                leftOut = summary.leftOutForCurrency
                return summary.event
            }
            guard case .publish(let summary) = decision else { continue }
            if !leftOut.isEmpty {
                logger.warning("projects left out of the money totals: an amount is not in the policy's currency",
                               metadata: ["pmo.projects": "\(leftOut)"])
            }
            do {
                let report = try await producer.send(try record(for: summary, at: now))
                publication.published(summary, at: now)
                logger.info("portfolio summary published", metadata: [
                    "pmo.projects": "\(summary.projects ?? 0)", "pmo.as_of": "\(summary.asOf)",
                    "kafka.offset": "\(report.offset)",
                ])
            } catch let error as KafkaError where error.isFatal {
                logger.critical("publishing the portfolio summary failed for good: \(error)")
                throw error
            } catch {
                logger.error("publishing the portfolio summary failed; trying again: \(error)")
                try await Task.sleep(for: Self.retryPause)
            }
        }
    }

    /// The summary as a record with its CloudEvents headers (see the type's documentation).
    func record(for summary: PortfolioSummaryPublished, at time: Date) throws -> ProducerRecord {
        let digest = SHA256.hash(data: try PMOJSON.encode(summary))
        let hex = digest.prefix(8).map { byte in
            let digits = String(byte, radix: 16)
            return digits.count == 1 ? "0" + digits : digits
        }.joined()
        let encoded = try EventRegistry.standard.encode(summary, id: "summary/\(summary.portfolioId)/\(hex)",
                                                        source: PMOService.monitoring.source, time: time)
        return ProducerRecord(encoded, topic: settings.summaryTopic)
    }

    /// Every partition of the register and policy topics, once both exist (the processor's runner
    /// creates them at start, so a stage started at the same time waits for them).
    private func waitForPartitions() async throws -> [TopicPartition] {
        let admin = try KafkaAdmin(configuration: configuration.kafka, logger: logger)
        var warned = ContinuousClock.now
        while true {
            try Task.checkCancellation()
            let metadata: [TopicMetadata]
            do {
                metadata = try await admin.listTopics(timeout: configuration.callTimeout)
            } catch {
                guard !error.isFatal else { throw error }
                logger.warning("reading the cluster's topics failed; trying again", metadata: ["error": "\(error)"])
                metadata = []
            }
            let topics = [settings.registerTopic, settings.policyTopic]
            let found = topics.compactMap { topic in metadata.first { $0.name == topic } }
            if found.count == topics.count {
                return found.flatMap { topic in (0..<topic.partitions).map { TopicPartition(topic.name, $0) } }
            }
            if ContinuousClock.now - warned > .seconds(10) {
                warned = .now
                logger.warning("waiting for the topics \(settings.registerTopic) and \(settings.policyTopic)")
            }
            try await Task.sleep(for: .milliseconds(500))
        }
    }
}
