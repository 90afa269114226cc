import Monitoring
import ServiceRuntime
import Testing

@Suite("Monitoring processor for the runtime")
struct MonitoringProcessorTests {
    let processor = MonitoringProcessor()

    @Test("every event type the catalog puts on its input and reference topics is in its registry")
    func decodesEveryTypeItReads() {
        #expect(processor.undecodableCatalogTypes == [:])
    }

    @Test("the portfolio register is coalesced per transaction, and compacted, so the runtime starts with it")
    func registerCoalesced() {
        #expect(processor.coalescedTopics == ["pmo.portfolio.register"])
        #expect(processor.uncompactedCoalescedTopics.isEmpty)
    }
}
