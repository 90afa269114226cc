import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Kafka
import PMOModel
import Testing

extension EndToEnd {
    /// Issue 16's tracing against the broker, with the real gateway, intake, planning and
    /// monitoring exporting over OTLP/HTTP to a collector in the test: a proposal submitted with
    /// a client's `traceparent` is one trace from the client's span through the gateway's request
    /// to intake's processing; the reviews that approve it are one trace from the gateway through
    /// intake's decision to the charter's processing in planning and in monitoring, and intake's
    /// first review step links back to its step of the proposal; and the charter record carries,
    /// in `ce_traceparent`, the context of the intake step that made it.
    @Suite("Tracing end to end", .serialized)
    struct TracingEndToEndTests {
        @Test(TestBroker.enabled, .timeLimit(.minutes(4)))
        func aProposalIsFollowedFromTheGatewayThroughIntakeToPlanningAndMonitoring() async throws {
            let year = String(Int.random(in: 3000...9999))
            let project = "PRJ-\(year)-801"
            try await SpawnedProcess.prepareBroker()
            let unique = UUID().uuidString.prefix(8).lowercased()
            let files = FileManager.default.temporaryDirectory.appendingPathComponent("e2e-tracing-\(unique)")
            try FileManager.default.createDirectory(at: files, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: files) }

            let collector = TraceCollector(port: try GatewayEndToEndTests.freePort())
            let endpoint = "http://127.0.0.1:\(collector.port)"
            // JSON, so that the collector needs no protobuf; spans sent every 100 ms.
            let environment = ["OTEL_EXPORTER_OTLP_PROTOCOL": "http/json", "OTEL_BSP_SCHEDULE_DELAY": "100"]
            let port = try GatewayEndToEndTests.freePort()
            let gateway = try SpawnedProcess("pmo-gateway", ["--tokens-file", try GatewayEndToEndTests.tokensFile(in: files).path,
                                                             "--http-port", String(port), "--broker-check-ms", "500",
                                                             "--otlp-endpoint", endpoint],
                                             name: "gateway-tracing-\(unique)", environment: environment)
            defer { gateway.stop() }
            var services: [SpawnedProcess] = []
            defer { for service in services { service.stop() } }
            for name in ["intake", "planning", "monitoring"] {
                services.append(try SpawnedProcess.service("pmo-\(name)", group: "test.\(name).tracing.\(unique)",
                                                           instance: "tracing-\(name)-\(unique)",
                                                           ["--otlp-endpoint", endpoint], environment: environment))
            }
            var ready = false
            for _ in 0..<120 where !ready {
                ready = await GatewayEndToEndTests.get(port: port, "/readyz") == 200
                if !ready { try await Task.sleep(for: .milliseconds(250)) }
            }
            try #require(ready, "the gateway became ready: \(gateway.output.suffix(2000))")

            // The proposal, sent with the client's own trace context.
            let clientTrace = (0..<16).map { _ in String(format: "%02x", UInt8.random(in: 0...255)) }.joined()
            let clientSpan = "00f067aa0ba902b7"
            let proposal = try GatewayEndToEndTests.demoProposal(project: project)
            let submitted = try await GatewayEndToEndTests.post(
                port: port, contentType: "application/cloudevents+json", headers: ["traceparent": "00-\(clientTrace)-\(clientSpan)-01"],
                body: try GatewayEndToEndTests.structured(id: "proposal-\(project)-r1", type: ProposalSubmitted.eventType, data: proposal))
            #expect(submitted.status == 202, "\(submitted.body)")

            // The four reviews, as one batch without trace context: the gateway starts the trace.
            let reviews = GatewayEndToEndTests.approvingReviews(project: project)
            let batch = try await GatewayEndToEndTests.post(port: port, contentType: "application/cloudevents-batch+json",
                                                            body: try JSONSerialization.data(withJSONObject: reviews))
            #expect(batch.status == 202, "\(batch.body)")

            let outputs = try await OutputReader.collect(prefix: project, topics: ["pmo.projects.chartered"], within: .seconds(90)) {
                $0.charters.count >= 1
            }
            try #require(outputs.charters.count == 1, "\(services[0].output.suffix(3000))")
            let charter = try #require(try await GatewayEndToEndTests.records(on: "pmo.projects.chartered", key: project).first)
            let parts = try #require(charter.headers.string("ce_traceparent")?.split(separator: "-").map(String.init))
            try #require(parts.count == 4, "the charter carries a W3C traceparent: \(charter.headers)")
            let (reviewTrace, charterParent) = (parts[1], parts[2])

            // The proposal's trace: the client's span, the gateway's request, intake's processing.
            let proposalTrace = try await collector.wait(timeout: .seconds(30)) { spans -> [TraceCollector.Span]? in
                let trace = spans.filter { $0.traceID == clientTrace }
                return trace.contains { $0.service == "pmo-intake" } ? trace : nil
            }
            let traced = try #require(proposalTrace, "spans received: \(collector.spans)")
            let request = try #require(traced.first { $0.service == "pmo-gateway" }, "\(traced)")
            #expect(request.parentSpanID == clientSpan, "the gateway's span continues the client's trace")
            let intake = try #require(traced.first { $0.service == "pmo-intake" && $0.name == "process \(ProposalSubmitted.eventType)" },
                                      "\(traced)")
            #expect(intake.parentSpanID == request.spanID, "intake's processing is a child of the request that published it")
            #expect(intake.attributes["cloudevents.event_subject"] == project)
            #expect(intake.attributes["messaging.destination.name"] == "pmo.intake.proposals")

            // The reviews' trace: the gateway's request, intake's step that chartered the project,
            // and the charter's processing in planning and in monitoring.
            let reviewSpans = try #require(try await collector.wait(timeout: .seconds(30)) { spans -> [TraceCollector.Span]? in
                let trace = spans.filter { $0.traceID == reviewTrace }
                let services = Set(trace.map(\.service))
                return services.isSuperset(of: ["pmo-gateway", "pmo-intake", "pmo-planning", "pmo-monitoring"]) ? trace : nil
            }, "spans of trace \(reviewTrace): \(collector.spans.filter { $0.traceID == reviewTrace })")
            let chartering = try #require(reviewSpans.first { $0.spanID == charterParent }, "\(reviewSpans)")
            #expect(chartering.service == "pmo-intake")
            #expect(chartering.name == "process \(ReviewSubmitted.eventType)")
            let reviewRequest = try #require(reviewSpans.first { $0.service == "pmo-gateway" && $0.parentSpanID == nil }, "\(reviewSpans)")
            #expect(chartering.parentSpanID == reviewRequest.spanID)
            // The reviews' trace began at the gateway, yet intake's first review step links back
            // to its processing of the proposal (the key's previous step), in the other trace.
            #expect(reviewSpans.contains { span in
                span.service == "pmo-intake" && span.links.contains(.init(traceID: clientTrace, spanID: intake.spanID))
            }, "a review step links to the proposal's step: \(reviewSpans.map(\.links))")
            for service in ["pmo-planning", "pmo-monitoring"] {
                let step = reviewSpans.first { $0.service == service && $0.name == "process \(ProjectChartered.eventType)" }
                #expect(step?.parentSpanID == charterParent, "\(service) processed the charter as a child of intake's step: \(reviewSpans)")
                #expect(step?.attributes["cloudevents.event_subject"] == project)
            }
            print("tracing: \(collector.spans.count) spans received; the proposal's trace and the reviews' trace:")
            print(TraceCollector.tree(of: traced) + TraceCollector.tree(of: reviewSpans))
        }
    }
}
