import Foundation
import Kafka
import PMOModel
@testable import ServiceRuntime
import Testing

/// The runtime's guard against a service that reads event types it cannot decode: every such
/// record would be a dead letter or dropped reference data, so the instance must not start.
@Suite("Catalog coverage at start, without a broker")
struct CatalogCoverageTests {
    /// Reads the proposals topic but knows none of its event types.
    struct ProposalReaderWithoutTypes: EventProcessor {
        var name: String { "catalog-coverage-test" }
        var source: String { "/pmo/test/catalog-coverage" }
        var inputTopics: [String] { ["pmo.intake.proposals"] }
        var referenceTopics: [String] { [] }
        var outputTopics: [TopicDefinition] { [] }
        var registry: EventRegistry { EventRegistry(types: []) }
        var initialReference: Void { () }
        func apply(reference event: DecodedEvent, to reference: inout Void) {}
        func handle(_ event: DecodedEvent, state: Int?, context: ProcessingContext<Void>) -> Outcome<Int> { .unchanged(state) }
    }

    @Test("a service that reads catalog event types it cannot decode refuses to start, naming them", .timeLimit(.minutes(1)))
    func refusesToStartWithUndecodableTypes() async throws {
        let processor = ProposalReaderWithoutTypes()
        let missing = try #require(processor.undecodableCatalogTypes["pmo.intake.proposals"])
        #expect(missing.contains(ProposalSubmitted.eventType))
        // No broker at this address: the refusal must come before any Kafka call.
        let configuration = RuntimeConfiguration(kafka: KafkaConfiguration(bootstrapServers: "127.0.0.1:1"),
                                                 instanceID: "test", groupID: "pmo-catalog-coverage-test")
        let runner = ServiceRunner(processor: processor, configuration: configuration, logger: harnessLogger)
        let started = ContinuousClock.now
        await #expect(throws: FatalProcessingError.self) { try await runner.run() }
        #expect(ContinuousClock.now - started < .seconds(5), "refused at once, not after the broker's retry budget")
        #expect(runner.status.snapshot.failure?.contains(ProposalSubmitted.eventType) == true)
    }
}
