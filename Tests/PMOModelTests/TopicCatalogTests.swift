import Testing
@testable import PMOModel

@Suite struct TopicCatalogTests {
    @Test func catalogIsSound() {
        #expect(TopicCatalog.problems() == [])
        #expect(TopicCatalog.all.count == 37)
    }

    @Test func problemsAreFoundWhenTheRegistryMissesATopicEvent() {
        let partial = EventRegistry(types: [PolicyPublished.self])
        let problems = TopicCatalog.problems(registry: partial)
        #expect(problems.contains("event type pmo.status.reported.v1 of pmo.status.reports is not in the event registry"))
    }

    @Test func everyServiceHasADeadLetterTopicAndACoPartitionedChangelog() throws {
        for service in PMOService.allCases {
            let dlq = try #require(TopicCatalog.topic(named: "pmo.\(service.rawValue).dlq"))
            #expect(dlq.role == .deadLetter && dlq.writer == service.participant && dlq.retentionMs != nil)
            let changelog = try #require(TopicCatalog.topic(named: "pmo.\(service.rawValue).changelog"))
            #expect(changelog.cleanupPolicy == .compact && changelog.partitions == TopicCatalog.projectPartitions)
            #expect(changelog.kafkaConfig == ["cleanup.policy": "compact"])
        }
    }

    @Test func intakeReadsItsInputsAndReferenceDataAndWritesItsOutputs() {
        let inputs = Set(TopicCatalog.inputs(of: .intake).map(\.name))
        #expect(inputs == ["pmo.config.policy", "pmo.config.roster", "pmo.intake.proposals", "pmo.intake.reviews", "pmo.intake.appointments",
                           "pmo.resources.allocations", "pmo.portfolio.summary"])
        let outputs = Set(TopicCatalog.outputs(of: .intake).map(\.name))
        #expect(outputs == ["pmo.intake.assessments", "pmo.intake.decisions", "pmo.projects.chartered",
                            "pmo.intake.reminders", "pmo.intake.dlq", "pmo.intake.changelog"])
    }

    @Test func eventsFindTheirTopic() {
        #expect(TopicCatalog.topic(carrying: StatusReported.eventType)?.name == "pmo.status.reports")
        #expect(TopicCatalog.topic(carrying: AllocationReleased.eventType)?.key == .resourceId)
        #expect(TopicCatalog.topic(carrying: "pmo.nothing.v1") == nil)
    }

    @Test func topicConfigurationForCreation() throws {
        let summary = try #require(TopicCatalog.topic(named: "pmo.portfolio.summary"))
        #expect(summary.partitions == 1)
        #expect(summary.kafkaConfig == ["cleanup.policy": "delete", "retention.ms": "34560000000"])
        let health = try #require(TopicCatalog.topic(named: "pmo.monitoring.health"))
        #expect(health.cleanupPolicy == .compact && health.partitions == 6)
    }
}
