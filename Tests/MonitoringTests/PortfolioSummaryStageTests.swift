import Foundation
import Kafka
import Logging
import Testing
import PMOModel
import ServiceRuntime
@testable import Monitoring
@testable import MonitoringSummary

/// What the summary stage does with the records it reads and how it writes the summary, without
/// a broker.
@Suite("The summary stage's reading and records")
struct PortfolioSummaryStageTests {
    let logger = Logger(label: "test")
    let register = TopicPartition("pmo.portfolio.register", 0)
    let policy = TopicPartition("pmo.config.policy", 0)

    func consumed<E: PMOEvent>(_ event: E, from partition: TopicPartition, offset: Int64) throws -> ConsumerEvent {
        let record = try EventRegistry.standard.encode(event, id: "test/\(offset)", source: "/pmo/test", time: t0)
        return .record(ConsumerRecord(topic: partition.topic, partition: partition.partition, offset: offset,
                                      key: Array(record.key.utf8), value: record.value,
                                      headers: record.headers.map(KafkaHeader.init), timestampMilliseconds: nil))
    }

    @Test func entriesPoliciesTombstonesAndUndecodableRecordsAreHandledAndTheEndIsNoticed() throws {
        var state = StageState(unfinished: [register, policy])
        let entry = try exampleEvent(PortfolioEntryUpdated.self)
        state.receive(try consumed(entry, from: register, offset: 0), registerTopic: register.topic, logger: logger)
        state.receive(try consumed(try exampleEvent(PolicyPublished.self), from: policy, offset: 0),
                      registerTopic: register.topic, logger: logger)
        // Not JSON, and a valid event of a type the stage does not read: both skipped.
        state.receive(.record(ConsumerRecord(topic: register.topic, partition: 0, offset: 1, key: Array("PRJ-2026-099".utf8),
                                             value: Array("not json".utf8), headers: [], timestampMilliseconds: nil)),
                      registerTopic: register.topic, logger: logger)
        state.receive(try consumed(try exampleEvent(StatusReported.self), from: register, offset: 2),
                      registerTopic: register.topic, logger: logger)
        #expect(state.register.count == 1 && state.reference.policy?.version == 3)
        state.receive(.endOfPartition(register, offset: 3), registerTopic: register.topic, logger: logger)
        #expect(!state.loaded)
        state.receive(.endOfPartition(policy, offset: 1), registerTopic: register.topic, logger: logger)
        #expect(state.loaded)
        // A tombstone removes the project.
        state.receive(.record(ConsumerRecord(topic: register.topic, partition: 0, offset: 3,
                                             key: Array(entry.projectId.utf8), value: nil, headers: [], timestampMilliseconds: nil)),
                      registerTopic: register.topic, logger: logger)
        #expect(state.register.count == 0)
    }

    @Test func theSummaryRecordHasTheRuntimesHeadersAndAnIdDerivedFromItsContent() throws {
        let stage = PortfolioSummaryStage(
            configuration: RuntimeConfiguration(kafka: KafkaConfiguration(bootstrapServers: "localhost:9092"),
                                                instanceID: "test", groupID: "pmo-monitoring"),
            isLeader: { true }, logger: logger)
        let summary = try exampleEvent(PortfolioSummaryPublished.self)
        let record = try stage.record(for: summary, at: summary.publishedAt)
        #expect(record.topic == "pmo.portfolio.summary" && record.key == Array("enterprise".utf8))
        let decoded = try EventRegistry.standard.decode(headers: record.headers.map(RecordHeader.init),
                                                        key: "enterprise", value: record.value ?? [])
        #expect(decoded.attributes.source == "/pmo/monitoring")
        #expect(decoded.attributes.type == PortfolioSummaryPublished.eventType)
        #expect(decoded.attributes.id.hasPrefix("summary/enterprise/") && decoded.attributes.id.count == "summary/enterprise/".count + 16)
        #expect(decoded.event as? PortfolioSummaryPublished == summary)
        // The same summary gives the same id; another publication time, another id.
        #expect(try stage.record(for: summary, at: summary.publishedAt).headers == record.headers)
        var later = summary
        later.publishedAt = summary.publishedAt.addingTimeInterval(5)
        let laterRecord = try stage.record(for: later, at: later.publishedAt)
        #expect(laterRecord.headers.first { $0.name == "ce_id" } != record.headers.first { $0.name == "ce_id" })
    }
}
