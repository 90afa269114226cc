import Foundation
import Kafka
import PMOModel

/// Reads the services' output topics from the beginning, keeping this run's projects,
/// deduplicated on (`ce_source`, `ce_id`) as every consumer must.
struct OutputReader {
    var decisions: [IntakeDecisionMade] = []
    var charters: [ProjectChartered] = []
    var assessments: [AssessmentCompleted] = []
    var planReviews: [PlanReviewCompleted] = []
    var planDecisions: [PlanDecisionMade] = []
    var baselines: [ProjectBaselined] = []
    var healths: [HealthAssessedV2] = []
    var alertsRaised: [AlertRaised] = []
    var alertsClosed: [AlertClosed] = []
    var escalations: [EscalationRaised] = []
    var escalationsResolved: [EscalationResolved] = []
    var registerEntries: [PortfolioEntryUpdated] = []
    var conflicts: [ResourceConflictDetected] = []
    var conflictsResolved: [ResourceConflictResolved] = []
    var summaries: [PortfolioSummaryPublished] = []
    var changeAssessments: [ChangeAssessmentCompleted] = []
    var changeDecisions: [ChangeDecisionMade] = []
    var rebaselines: [ProjectRebaselined] = []
    var sources: Set<String> = []
    /// The headers of dead letters.
    var deadLetters: [[KafkaHeader]] = []

    /// Intake's outputs, until the expected counts are there.
    static func collect(prefix: String, decisions: Int, charters: Int, assessments: Int, deadLetters: Int, topics: [String],
                        within deadline: Duration) async throws -> OutputReader {
        try await collect(prefix: prefix, topics: topics, within: deadline) { reader in
            reader.decisions.count >= decisions && reader.charters.count >= charters
                && reader.assessments.count >= assessments && reader.deadLetters.count >= deadLetters
        }
    }

    /// The outputs on `topics` of the projects whose key starts with `prefix`, read until
    /// `complete` holds and then 3 s more (nothing more may come), or until `deadline`.
    static func collect(prefix: String, topics: [String], within deadline: Duration,
                        until complete: (OutputReader) -> Bool) async throws -> OutputReader {
        let configuration = try TestBroker.consumerConfiguration()
        let admin = try KafkaAdmin(configuration: KafkaConfiguration(bootstrapServers: configuration.bootstrapServers),
                                   logger: testLogger)
        let clock = ContinuousClock()
        let end = clock.now.advanced(by: deadline)
        var partitions: [TopicPartitionOffset] = []
        let wanted = topics.map { TopicCatalog.topic(named: $0)?.partitions ?? 1 }.reduce(0, +)
        while partitions.count < wanted, clock.now < end {
            let metadata = try await admin.listTopics()
            partitions = topics.flatMap { topic in
                (0..<(metadata.first { $0.name == topic }?.partitions ?? 0)).map {
                    TopicPartitionOffset(topic, $0, offset: KafkaOffset.beginning)
                }
            }
            if partitions.count < wanted { try await Task.sleep(for: .milliseconds(500)) }
        }
        let consumer = try KafkaConsumer(configuration: configuration, groupID: nil, logger: testLogger)
        try consumer.assign(partitions)
        var reader = OutputReader()
        var seen = Set<String>()
        var completeAt: ContinuousClock.Instant?
        while clock.now < end, completeAt.map({ clock.now - $0 < .seconds(3) }) ?? true {
            for case .record(let record) in try await consumer.pollBatch(maxEvents: 500, timeout: .milliseconds(200)) {
                guard let key = record.keyString, key.hasPrefix(prefix) else { continue }
                if record.topic.hasSuffix(".dlq") {
                    reader.deadLetters.append(record.headers)
                    continue
                }
                let decoded = try EventRegistry.standard.decode(
                    headers: record.headers.map { RecordHeader(name: $0.name, value: $0.value ?? []) },
                    key: key, value: record.value ?? [])
                guard seen.insert("\(decoded.attributes.source) \(decoded.attributes.id)").inserted else { continue }
                reader.sources.insert(decoded.attributes.source)
                switch decoded.event {
                case let decision as IntakeDecisionMade: reader.decisions.append(decision)
                case let charter as ProjectChartered: reader.charters.append(charter)
                case let assessment as AssessmentCompleted: reader.assessments.append(assessment)
                case let review as PlanReviewCompleted: reader.planReviews.append(review)
                case let decision as PlanDecisionMade: reader.planDecisions.append(decision)
                case let baseline as ProjectBaselined: reader.baselines.append(baseline)
                case let health as HealthAssessedV2: reader.healths.append(health)
                case let alert as AlertRaised: reader.alertsRaised.append(alert)
                case let closed as AlertClosed: reader.alertsClosed.append(closed)
                case let escalation as EscalationRaised: reader.escalations.append(escalation)
                case let resolved as EscalationResolved: reader.escalationsResolved.append(resolved)
                case let entry as PortfolioEntryUpdated: reader.registerEntries.append(entry)
                case let conflict as ResourceConflictDetected: reader.conflicts.append(conflict)
                case let resolved as ResourceConflictResolved: reader.conflictsResolved.append(resolved)
                case let summary as PortfolioSummaryPublished: reader.summaries.append(summary)
                case let assessment as ChangeAssessmentCompleted: reader.changeAssessments.append(assessment)
                case let decision as ChangeDecisionMade: reader.changeDecisions.append(decision)
                case let rebaseline as ProjectRebaselined: reader.rebaselines.append(rebaseline)
                default: break
                }
            }
            if completeAt == nil, complete(reader) { completeAt = clock.now }
        }
        try await consumer.close()
        // A project's records share a partition, so each project's outputs are in the order made.
        return reader
    }
}
