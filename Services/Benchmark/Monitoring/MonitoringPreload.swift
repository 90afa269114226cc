import Foundation
import Kafka
import Logging
import PMOModel
import ServiceRuntime

/// Publishing the monitoring workload: every event through the PMO envelope (CloudEvents Kafka
/// headers, `EventRegistry.encode`, which validates the event against its contract first), to
/// the topic the catalog assigns its type, keyed by its record key.
struct MonitoringPublisher {
    let kafka: KafkaConfiguration
    let logger: Logger
    let registry = EventRegistry.standard

    /// The catalog topic of `event`'s type.
    static func topic(of event: some PMOEvent) -> String {
        TopicCatalog.topic(carrying: type(of: event).eventType)!.name
    }

    /// `event` as a record: validated, with its envelope; the id is deterministic.
    func record(_ event: some PMOEvent, id: String, time: Date) throws -> ProducerRecord {
        let encoded = try registry.encode(event, id: id, source: MonitoringWorkload.source, time: time)
        return ProducerRecord(encoded, topic: Self.topic(of: event))
    }

    /// The report of `week` for project `p` as a record.
    func reportRecord(_ workload: MonitoringWorkload, _ p: MonitoringWorkload.Profile, week: Int) throws -> ProducerRecord {
        let report = workload.report(p, week: week)
        return try record(report, id: "\(p.projectId)/report/w\(week)/s\(workload.seed)", time: report.reportedAt)
    }

    /// Creates every catalog topic that does not exist (partitions, cleanup policy, retention).
    func createCatalogTopics(_ specs: [TopicSpec] = TopicCatalog.all) async throws {
        let admin = try KafkaAdmin(configuration: kafka, logger: logger)
        let existing = Set(try await admin.listTopics().map(\.name))
        let missing = specs.filter { !existing.contains($0.name) }.map(\.benchNewTopic)
        if !missing.isEmpty { try await admin.createTopics(missing) }
    }

    /// What the preload published, and how fast.
    struct Loaded {
        var reference = 0
        var reports = 0
        var seconds = 0.0
        var encodeSeconds = 0.0
    }

    /// Publishes the policy, the roster, every charter and baseline, then `weeks` weekly reports
    /// per project, week by week (every project's week 1, then week 2, …).
    func preload(_ workload: MonitoringWorkload, weeks: Int, progress: (String) -> Void) async throws -> Loaded {
        let producer = try KafkaProducer(configuration: kafka.merging(["linger.ms": "20", "batch.size": "1000000",
                                                                       "queue.buffering.max.messages": "200000"]),
                                         logger: logger)
        var loaded = Loaded()
        let started = ContinuousClock.now
        var encoding = Duration.zero
        func send(_ record: ProducerRecord) async throws {
            try await producer.produceWithoutTicket(record)
        }
        let time = Date()
        try await send(try record(workload.policy, id: "policy/v\(workload.policy.version)/s\(workload.seed)", time: time))
        try await send(try record(workload.roster, id: "roster/v\(workload.roster.version)/s\(workload.seed)", time: time))
        for p in workload.profiles {
            try await send(try record(workload.charter(p), id: "\(p.projectId)/charter/s\(workload.seed)", time: time))
        }
        for p in workload.profiles {
            try await send(try record(workload.baseline(p), id: "\(p.projectId)/baseline/s\(workload.seed)", time: time))
        }
        loaded.reference = 2 + 2 * workload.profiles.count
        // The reference data first, so that its record timestamps come before every report's.
        try await producer.flush(timeout: .seconds(60))
        for week in 1...max(1, weeks) {
            for p in workload.profiles {
                let before = ContinuousClock.now
                let record = try reportRecord(workload, p, week: week)
                encoding += ContinuousClock.now - before
                try await send(record)
                loaded.reports += 1
            }
            if week % 20 == 0 { progress("  preloaded \(loaded.reports) reports") }
        }
        try await producer.flush(timeout: .seconds(120))
        await producer.close()
        loaded.seconds = (ContinuousClock.now - started).seconds
        loaded.encodeSeconds = encoding.seconds
        return loaded
    }
}

extension TopicSpec {
    /// The admin client's description of the topic (as `pmoctl topics create` makes it).
    var benchNewTopic: NewTopic {
        var configs = ["cleanup.policy": cleanupPolicy == .compact ? "compact" : "delete"]
        if let retentionMs { configs["retention.ms"] = String(retentionMs) }
        return NewTopic(name: name, partitions: Int32(partitions), configs: configs)
    }
}

extension Duration {
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
