import Dashboard
import Foundation
import Kafka
import Logging
import PMOModel
import ServiceRuntime

/// Reads the aggregated topics into ``DashboardState`` with no consumer group (nothing is
/// committed and no transaction is needed, so any number of dashboard instances read side by
/// side): the compacted topics (register, health, charters, baselines) from the beginning, the
/// others from the first record of the history window (looked up by time; a record older than
/// the window is skipped too, for brokers that answer the lookup with the first offset, as the
/// embedded one does). The feed is caught up once every partition has reached the end offset it
/// had when the feed started (or reported its end).
public struct PortfolioFeed: Sendable {
    /// The topics the dashboard shows.
    public static let topics = [
        "pmo.portfolio.register", "pmo.portfolio.summary", "pmo.monitoring.health", "pmo.monitoring.alerts",
        "pmo.monitoring.escalations", "pmo.resources.conflicts", "pmo.intake.decisions", "pmo.projects.chartered",
        "pmo.planning.decisions", "pmo.projects.baselined", "pmo.change.decisions", "pmo.projects.rebaselined",
        "pmo.status.reports", "pmo.intake.assessments", "pmo.planning.reviews", "pmo.change.assessments",
    ]

    let configuration: KafkaConfiguration
    let state: DashboardState
    let historyWindow: Duration
    let logger: Logger

    public init(configuration: KafkaConfiguration, state: DashboardState, historyWindow: Duration, logger: Logger) {
        self.configuration = configuration
        self.state = state
        self.historyWindow = historyWindow
        self.logger = logger
    }

    /// Reads until cancelled.
    public func run() async throws {
        let consumer = try KafkaConsumer(configuration: configuration.merging(["enable.partition.eof": "true"]),
                                         groupID: nil, logger: logger)
        let admin = try KafkaAdmin(configuration: configuration, logger: logger)
        var partitions: [TopicPartition] = []
        while !Task.isCancelled {
            let existing = try await admin.listTopics()
            partitions = Self.topics.flatMap { topic in
                (0..<(existing.first { $0.name == topic }?.partitions ?? 0)).map { TopicPartition(topic, $0) }
            }
            if Set(partitions.map(\.topic)).count == Self.topics.count { break }
            logger.notice("waiting for the aggregated topics to exist", metadata: ["found": "\(partitions.count)"])
            try await Task.sleep(for: .seconds(2))
        }
        let compacted = Set(TopicCatalog.all.filter { $0.cleanupPolicy == .compact }.map(\.name))
        let windowStart = Int64((Date().timeIntervalSince1970 - Double(historyWindow.components.seconds)) * 1000)
        let windowed = partitions.filter { !compacted.contains($0.topic) }
        let starts = try await consumer.offsets(for: windowed, atOrAfter: windowStart)
            + partitions.filter { compacted.contains($0.topic) }.map { TopicPartitionOffset($0, offset: KafkaOffset.beginning) }
        var remaining: [TopicPartition: Int64] = [:]
        for start in starts {
            let high = try await consumer.watermarks(start.topicPartition).high
            // Nothing to read when the partition is empty or its window starts at its end.
            if high > 0, start.offset != KafkaOffset.end, start.offset < high { remaining[start.topicPartition] = high }
        }
        try consumer.assign(starts)
        if remaining.isEmpty { await state.markCaughtUp() }
        do {
            try await read(consumer, remaining: remaining, compacted: compacted, windowStart: windowStart)
        } catch {
            try? await consumer.close()
            throw error
        }
        try? await consumer.close()
    }

    /// Folds records into the state until cancelled; `remaining` holds the end offsets still to reach.
    private func read(_ consumer: KafkaConsumer, remaining: [TopicPartition: Int64], compacted: Set<String>,
                      windowStart: Int64) async throws {
        var remaining = remaining
        while !Task.isCancelled {
            let events = try await consumer.pollBatch(maxEvents: 500, timeout: .milliseconds(200))
            var decoded: [DecodedEvent] = []
            for event in events {
                switch event {
                case .record(let record):
                    let partition = TopicPartition(record.topic, record.partition)
                    if let end = remaining[partition], record.offset + 1 >= end { remaining[partition] = nil }
                    if !compacted.contains(record.topic), let milliseconds = record.timestampMilliseconds, milliseconds < windowStart { continue }
                    do {
                        decoded.append(try EventRegistry.standard.decode(record))
                    } catch {
                        logger.warning("a record the dashboard cannot read was skipped", metadata: [
                            "topic": "\(record.topic)", "partition": "\(record.partition)", "offset": "\(record.offset)",
                            "error": "\(error)",
                        ])
                    }
                case .endOfPartition(let partition, _):
                    remaining[partition] = nil
                default:
                    break
                }
            }
            if !decoded.isEmpty { await state.apply(contentsOf: decoded) }
            if remaining.isEmpty, !(await state.caughtUp) {
                await state.markCaughtUp()
                logger.info("caught up with the aggregated topics")
            }
        }
    }
}
