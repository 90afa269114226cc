import Foundation
import Gateway
import GatewayServer
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import PMOModel
import Synchronization
import Testing

/// Every status the gateway answers, through its real router, with Kafka replaced by
/// ``RecordingPublishing`` (the end-to-end test publishes to the broker).
@Suite(.timeLimit(.minutes(1))) struct GatewayRoutesTests {
    let publishing = RecordingPublishing()
    // One event per 1,000 s: the bucket cannot refill during a test, however slow the machine.
    let limits = GatewayLimits(maxBodyBytes: 64 * 1024, maxBatchEvents: 5, eventsPerSecond: 0.001, burst: 4,
                               idempotencyWindowSeconds: 60, idempotencyCapacity: 100, unavailableRetryAfterSeconds: 7)

    func application() throws -> some ApplicationProtocol {
        let metrics = GatewayMetrics()
        let logger = Logger(label: "gateway-test")
        let desk = GatewayDesk(publishing: publishing, limits: limits, metrics: metrics, logger: logger)
        let router = GatewayApplication.router(desk: desk, grants: try Fixtures.grants(), publishing: publishing,
                                               limits: limits, metrics: metrics)
        return Application(router: router, logger: logger)
    }

    var bearer: HTTPFields { [.authorization: "Bearer \(Fixtures.token)"] }

    func binary(id: String, token: String? = Fixtures.token) -> HTTPFields {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let token { headers[.authorization] = "Bearer \(token)" }
        for (name, value) in [("ce-specversion", "1.0"), ("ce-id", id), ("ce-source", "/upstream/timesheets"),
                              ("ce-type", StatusReported.eventType)] {
            headers[HTTPFields.Element.Name(name)!] = value
        }
        return headers
    }

    func json(_ buffer: ByteBuffer) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(buffer.readableBytesView)) as? [String: Any])
    }

    func structured(_ id: String, _ data: [UInt8]) -> String {
        #"{"specversion":"1.0","id":"\#(id)","source":"/upstream/timesheets","type":"\#(StatusReported.eventType)","data":"#
            + String(decoding: data, as: UTF8.self) + "}"
    }

    @Test func binaryModeIsAcceptedAfterPublishingAndARetryIsAnsweredAgainNotPublished() async throws {
        let report = ByteBuffer(bytes: try Fixtures.statusReport())
        try await application().test(.router) { client in
            var first: [String: Any] = [:]
            try await client.execute(uri: "/v1/events", method: .post, headers: binary(id: "r-1"), body: report) { response in
                #expect(response.status == .accepted)
                first = try json(response.body)
                #expect(first["topic"] as? String == "pmo.status.reports")
                #expect(first["subject"] as? String == "PRJ-2026-101")
                #expect(first["replayed"] as? Bool == false)
            }
            try await client.execute(uri: "/v1/events", method: .post, headers: binary(id: "r-1"), body: report) { response in
                #expect(response.status == .accepted)
                let again = try json(response.body)
                #expect(again["offset"] as? Int == first["offset"] as? Int)
                #expect(again["replayed"] as? Bool == true)
            }
        }
        #expect(publishing.published.count == 1)
    }

    @Test func theSameIdForADifferentEventIsAConflict() async throws {
        try await application().test(.router) { client in
            try await client.execute(uri: "/v1/events", method: .post, headers: binary(id: "r-1"),
                                     body: ByteBuffer(bytes: try Fixtures.statusReport())) { #expect($0.status == .accepted) }
            try await client.execute(uri: "/v1/events", method: .post, headers: binary(id: "r-1"),
                                     body: ByteBuffer(bytes: try Fixtures.statusReport(project: "PRJ-2026-102"))) { response in
                #expect(response.status == .conflict)
                let body = try json(response.body)
                #expect(body["error"] as? String == "conflict")
            }
        }
        #expect(publishing.published.count == 1)
    }

    @Test func concurrentRetriesPublishOnceAndEachGetsTheReceipt() async throws {
        publishing.state.withLock { $0.delay = .milliseconds(200) }
        let report = ByteBuffer(bytes: try Fixtures.statusReport())
        try await application().test(.router) { client in
            try await withThrowingTaskGroup(of: (HTTPResponse.Status, Int?, Bool).self) { group in
                for _ in 0..<3 {
                    group.addTask {
                        try await client.execute(uri: "/v1/events", method: .post, headers: binary(id: "r-1"), body: report) {
                            let body = try json($0.body)
                            return ($0.status, body["offset"] as? Int, body["replayed"] as? Bool ?? false)
                        }
                    }
                }
                var replayed: [Bool] = []
                for try await (status, offset, wasReplayed) in group {
                    #expect(status == .accepted)
                    #expect(offset == 0)
                    replayed.append(wasReplayed)
                }
                #expect(replayed.sorted { !$0 && $1 } == [false, true, true])
            }
        }
        #expect(publishing.published.count == 1)
    }

    @Test func batchesSharingEventsInFlightDoNotWaitOnEachOther() async throws {
        publishing.state.withLock { $0.delay = .milliseconds(300) }
        let reports = try Fixtures.statusReports()
        let event = { (id: String, index: Int) in structured(id, reports[index % reports.count]) }
        let batches = try [[event("x", 0)], [event("e1", 1), event("x", 0), event("e2", 2)], [event("e2", 2), event("x", 0), event("e1", 1)]]
            .map { try CloudEventsRequest.events(contentType: CloudEventsRequest.batchMediaType, headers: [],
                                                 body: Array(("[" + $0.joined(separator: ",") + "]").utf8),
                                                 bareEventType: nil, maxEvents: 10) }
        let desk = GatewayDesk(publishing: publishing, limits: limits, metrics: GatewayMetrics(), logger: Logger(label: "gateway-test"))
        let answered = Answers()
        // Unstructured tasks, so that requests waiting on each other for ever fail this test
        // instead of hanging it: x is in flight while the two batches claim e1 and e2 in
        // opposite orders.
        for (delay, batch) in zip([0, 100, 100], batches) {
            Task {
                try await Task.sleep(for: .milliseconds(delay))
                let answer = await desk.submit(batch, grant: Fixtures.grant)
                answered.append(answer.status)
            }
        }
        let deadline = ContinuousClock.now.advanced(by: .seconds(20))
        while answered.statuses.count < 3, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(answered.statuses == [202, 202, 202], "every request answered, none waiting on another")
        #expect(publishing.published.count == 3)
    }

    @Test func aRetryIsAnsweredFromTheLedgerWhileTheBrokerIsUnreachable() async throws {
        let report = ByteBuffer(bytes: try Fixtures.statusReport())
        try await application().test(.router) { client in
            try await client.execute(uri: "/v1/events", method: .post, headers: binary(id: "r-1"), body: report) {
                #expect($0.status == .accepted)
            }
            publishing.state.withLock { $0.unavailable = "the broker is unreachable: test" }
            try await client.execute(uri: "/v1/events", method: .post, headers: binary(id: "r-1"), body: report) { response in
                #expect(response.status == .accepted)
                let body = try json(response.body)
                #expect(body["replayed"] as? Bool == true)
            }
        }
    }

    @Test func aBatchOfOneIsAnsweredAsABatch() async throws {
        try await application().test(.router) { client in
            var headers = bearer
            headers[.contentType] = "application/cloudevents-batch+json"
            let body = "[" + structured("b-0", try Fixtures.statusReport()) + "]"
            try await client.execute(uri: "/v1/events", method: .post, headers: headers, body: ByteBuffer(string: body)) { response in
                #expect(response.status == .accepted)
                let events = try json(response.body)["events"] as? [[String: Any]]
                #expect(events?.first?["index"] as? Int == 0)
            }
        }
    }

    @Test func structuredModeAndBatchesArePublishedInOrderWithTheirIndexes() async throws {
        let reports = try Fixtures.statusReports()
        let batch = "[" + reports.prefix(3).enumerated().map { structured("b-\($0.offset)", $0.element) }.joined(separator: ",") + "]"
        try await application().test(.router) { client in
            var headers = bearer
            headers[.contentType] = "application/cloudevents+json"
            try await client.execute(uri: "/v1/events", method: .post, headers: headers,
                                     body: ByteBuffer(string: structured("s-1", reports[0]))) { #expect($0.status == .accepted) }
            headers[.contentType] = "application/cloudevents-batch+json"
            try await client.execute(uri: "/v1/events", method: .post, headers: headers, body: ByteBuffer(string: batch)) { response in
                #expect(response.status == .accepted)
                let events = try #require(try json(response.body)["events"] as? [[String: Any]])
                #expect(events.map { $0["index"] as? Int } == [0, 1, 2])
                #expect(events.map { $0["id"] as? String } == ["b-0", "b-1", "b-2"])
            }
        }
        #expect(publishing.published.map { $0.record.headers.first { $0.name == "ce_id" }?.text } == ["s-1", "b-0", "b-1", "b-2"])
    }

    @Test func aBatchWithOneInvalidEventPublishesNothing() async throws {
        let reports = try Fixtures.statusReports()
        let batch = "[" + structured("b-0", reports[0]) + "," + structured("b-1", Array(#"{"projectId":"PRJ-2026-101"}"#.utf8)) + "]"
        try await application().test(.router) { client in
            var headers = bearer
            headers[.contentType] = "application/cloudevents-batch+json"
            try await client.execute(uri: "/v1/events", method: .post, headers: headers, body: ByteBuffer(string: batch)) { response in
                #expect(response.status == .badRequest)
                let violations = try #require(try json(response.body)["violations"] as? [[String: Any]])
                #expect(!violations.isEmpty && violations.allSatisfy { $0["index"] as? Int == 1 })
                #expect(violations.contains { $0["pointer"] as? String == "/1/data/reportedAt" })
            }
        }
        #expect(publishing.published.isEmpty)
    }

    @Test func aBareEventIsPublishedAsTheTokensSourceAndItsIdempotencyKeyDeduplicates() async throws {
        let report = ByteBuffer(bytes: try Fixtures.statusReport())
        try await application().test(.router) { client in
            var headers = bearer
            headers[.contentType] = "application/json"
            headers[HTTPFields.Element.Name("Idempotency-Key")!] = "sheet-2026-06"
            for _ in 0..<2 {
                try await client.execute(uri: "/v1/events/\(StatusReported.eventType)", method: .post, headers: headers, body: report) { response in
                    #expect(response.status == .accepted)
                    let body = try json(response.body)
                    #expect(body["source"] as? String == "/upstream/timesheets")
                    #expect(body["id"] as? String == "sheet-2026-06")
                }
            }
        }
        #expect(publishing.published.count == 1)
    }

    @Test func noTokenOrAnUnknownOneIs401() async throws {
        let report = ByteBuffer(bytes: try Fixtures.statusReport())
        try await application().test(.router) { client in
            try await client.execute(uri: "/v1/events", method: .post, headers: binary(id: "r-1", token: nil), body: report) { response in
                #expect(response.status == .unauthorized)
                #expect(response.headers[.wwwAuthenticate] == "Bearer realm=\"pmo-gateway\"")
            }
            try await client.execute(uri: "/v1/events", method: .post, headers: binary(id: "r-1", token: "guess"), body: report) { response in
                #expect(response.status == .unauthorized)
            }
        }
        #expect(publishing.published.isEmpty)
    }

    @Test func aTypeOrSourceNotGrantedIs403() async throws {
        try await application().test(.router) { client in
            var headers = binary(id: "r-1")
            headers[HTTPFields.Element.Name("ce-source")!] = "/upstream/erp"
            try await client.execute(uri: "/v1/events", method: .post, headers: headers,
                                     body: ByteBuffer(bytes: try Fixtures.statusReport())) { #expect($0.status == .forbidden) }
            headers = bearer
            headers[.contentType] = "application/json"
            try await client.execute(uri: "/v1/events/\(ProposalSubmitted.eventType)", method: .post, headers: headers,
                                     body: ByteBuffer(string: "{}")) { #expect($0.status == .forbidden) }
            try await client.execute(uri: "/v1/events/\(IntakeDecisionMade.eventType)", method: .post, headers: headers,
                                     body: ByteBuffer(string: "{}")) { #expect($0.status == .forbidden) }
        }
        #expect(publishing.published.isEmpty)
    }

    @Test func anOversizedBodyIs413AndAnotherMediaTypeIs415() async throws {
        try await application().test(.router) { client in
            let large = ByteBuffer(repeating: UInt8(ascii: " "), count: limits.maxBodyBytes + 1)
            try await client.execute(uri: "/v1/events", method: .post, headers: binary(id: "r-1"), body: large) { response in
                #expect(response.status == .contentTooLarge)
                let body = try json(response.body)
                #expect(body["error"] as? String == "too-large")
            }
            var headers = bearer
            headers[.contentType] = "text/csv"
            try await client.execute(uri: "/v1/events", method: .post, headers: headers, body: ByteBuffer(string: "a,b")) {
                #expect($0.status == .unsupportedMediaType)
            }
        }
        #expect(publishing.published.isEmpty)
    }

    @Test func beyondTheTokensRateIs429WithRetryAfterAndNothingPublished() async throws {
        let reports = try Fixtures.statusReports()
        try await application().test(.router) { client in
            var headers = bearer
            headers[.contentType] = "application/cloudevents-batch+json"
            let four = "[" + (0..<4).map { structured("b-\($0)", reports[$0 % reports.count]) }.joined(separator: ",") + "]"
            try await client.execute(uri: "/v1/events", method: .post, headers: headers, body: ByteBuffer(string: four)) {
                #expect($0.status == .accepted)
            }
            try await client.execute(uri: "/v1/events", method: .post, headers: binary(id: "late"),
                                     body: ByteBuffer(bytes: reports[0])) { response in
                #expect(response.status == .tooManyRequests)
                // 1 event at 0.001 a second: 1,000 s, less what refilled since the burst was taken.
                #expect((response.headers[.retryAfter].flatMap(Int.init) ?? 0) > 900)
            }
            try await client.execute(uri: "/v1/events", method: .post, headers: headers, body: ByteBuffer(string: four)) {
                #expect($0.status == .accepted, "a retry publishes nothing, so it uses none of the rate")
            }
            let five = "[" + (0..<5).map { structured("c-\($0)", reports[$0 % reports.count]) }.joined(separator: ",") + "]"
            try await client.execute(uri: "/v1/events", method: .post, headers: headers, body: ByteBuffer(string: five)) {
                #expect($0.status == .contentTooLarge, "five events exceed the burst of four")
            }
        }
        #expect(publishing.published.count == 4)
    }

    @Test func anUnavailableBrokerIs503WithRetryAfterAndNotReady() async throws {
        publishing.state.withLock { $0.unavailable = "the broker is unreachable: test" }
        try await application().test(.router) { client in
            try await client.execute(uri: "/v1/events", method: .post, headers: binary(id: "r-1"),
                                     body: ByteBuffer(bytes: try Fixtures.statusReport())) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(response.headers[.retryAfter] == "7")
            }
            try await client.execute(uri: "/readyz", method: .get) { #expect($0.status == .serviceUnavailable) }
        }
        #expect(publishing.published.isEmpty)
    }

    @Test func aFailedAcknowledgementIs503AndTheRetryPublishes() async throws {
        publishing.state.withLock { $0.failing = "Local: Message timed out" }
        let report = ByteBuffer(bytes: try Fixtures.statusReport())
        try await application().test(.router) { client in
            try await client.execute(uri: "/v1/events", method: .post, headers: binary(id: "r-1"), body: report) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(response.headers[.retryAfter] == "7")
            }
            publishing.state.withLock { $0.failing = nil }
            try await client.execute(uri: "/v1/events", method: .post, headers: binary(id: "r-1"), body: report) { response in
                #expect(response.status == .accepted)
                let body = try json(response.body)
                #expect(body["replayed"] as? Bool == false)
            }
        }
        #expect(publishing.published.count == 1)
    }

    @Test func refusalsAreCountedInTheMetrics() async throws {
        try await application().test(.router) { client in
            try await client.execute(uri: "/v1/events", method: .post, headers: binary(id: "r-1", token: nil),
                                     body: ByteBuffer(string: "{}")) { #expect($0.status == .unauthorized) }
            let large = ByteBuffer(repeating: UInt8(ascii: " "), count: limits.maxBodyBytes + 1)
            try await client.execute(uri: "/v1/events", method: .post, headers: binary(id: "r-1"), body: large) {
                #expect($0.status == .contentTooLarge)
            }
            try await client.execute(uri: "/metrics", method: .get) { response in
                let text = String(buffer: response.body)
                #expect(text.contains(#"pmo_gateway_refused_total{reason="unauthenticated"} 1"#))
                #expect(text.contains(#"pmo_gateway_refused_total{reason="too-large"} 1"#))
                #expect(text.contains(#"pmo_gateway_requests_total{status="413"} 1"#))
            }
        }
    }
}

/// Statuses answered by requests running in unstructured tasks.
final class Answers: Sendable {
    private let list = Mutex<[Int]>([])
    func append(_ status: Int) { list.withLock { $0.append(status) } }
    var statuses: [Int] { list.withLock { $0 } }
}
