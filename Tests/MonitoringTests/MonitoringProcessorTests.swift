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
}
