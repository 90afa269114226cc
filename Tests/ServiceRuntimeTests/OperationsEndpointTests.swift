import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

@Suite("The operations endpoint", CounterHarness.enabled, .timeLimit(.minutes(3)))
struct OperationsEndpointTests {
    @Test("healthz, readyz and metrics report a running instance and what it processed")
    func endpoints() async throws {
        let harness = try CounterHarness("ops")
        try await harness.createTopics()
        let instance = try harness.start(instance: "a")
        defer { instance.stop() }
        let port = try await boundPort(of: instance)
        let base = "http://127.0.0.1:\(port)"

        #expect(try await get("\(base)/healthz").status == 200)
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: .seconds(60))
        var ready = try await get("\(base)/readyz")
        while ready.status != 200, clock.now < deadline {
            try await Task.sleep(for: .milliseconds(200))
            ready = try await get("\(base)/readyz")
        }
        #expect(ready.status == 200, "never ready: \(ready.body)")
        #expect(ready.body.contains("restoring=false"))

        _ = try await harness.publishRequests(50, keys: 5)
        _ = try await harness.readOutputs(distinct: 50)
        let metrics = try await get("\(base)/metrics")
        #expect(metrics.status == 200)
        #expect(metrics.body.contains(#"pmo_records_in_total{service="\#(harness.name)",topic="\#(harness.inputTopic)"} 50"#),
                "\(metrics.body.prefix(3000))")
        #expect(metrics.body.contains(#"pmo_records_out_total{service="\#(harness.name)",topic="\#(harness.outputTopic)"} 50"#))
        #expect(metrics.body.contains(#"pmo_transactions_total{service="\#(harness.name)",result="committed"}"#))
        #expect(metrics.body.contains("pmo_processing_latency_seconds_bucket"))
        #expect(metrics.body.contains("pmo_restore_duration_seconds_count"))
        for call in ["flush_and_write_changelog", "send_offsets", "commit"] {
            // The histogram exists from the start; the count says the calls were timed.
            let name = #"pmo_transaction_call_seconds_count{service="\#(harness.name)",call="\#(call)"} "#
            let count = metrics.body.split(separator: "\n").first { $0.hasPrefix(name) }
                .flatMap { Double($0.dropFirst(name.count)) }
            #expect((count ?? 0) >= 1, "no duration of the \(call) calls was recorded: \(metrics.body.prefix(3000))")
        }
        #expect(try await get("\(base)/nowhere").status == 404)
    }

    /// The port the instance's endpoint bound, read from its log (it was started with port 0).
    private func boundPort(of instance: ServiceProcess) async throws -> Int {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: .seconds(30))
        while clock.now < deadline {
            if let line = instance.output.split(separator: "\n").first(where: { $0.contains("operations endpoint listening") }),
               let portText = line.split(separator: ":").last?.prefix(while: \.isNumber), let port = Int(portText) {
                return port
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw TestFailure("the instance never said where its endpoint listens:\n\(instance.output.suffix(2000))")
    }

    private func get(_ url: String) async throws -> (status: Int, body: String) {
        let (data, response) = try await URLSession.shared.data(from: URL(string: url)!)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }
}
