import Gateway
import PMOModel
import Testing

/// The four ways a request carries events, read before any check.
@Suite struct CloudEventsRequestTests {
    let binaryHeaders = [("ce-specversion", "1.0"), ("ce-id", "r-1"), ("ce-source", "/upstream/timesheets"),
                         ("ce-type", "pmo.status.reported.v1"), ("ce-traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")]
        .map { (name: $0.0, value: $0.1) }

    @Test func binaryModeTakesTheAttributesFromTheHeadersAndKeepsExtensions() throws {
        let events = try CloudEventsRequest.events(contentType: "application/json; charset=utf-8", headers: binaryHeaders,
                                                   body: Array("{}".utf8), bareEventType: nil, maxEvents: 10)
        #expect(events == SubmittedRequest(events: [
            SubmittedEvent(id: "r-1", source: "/upstream/timesheets", type: "pmo.status.reported.v1",
                           extensions: ["traceparent": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"],
                           data: Array("{}".utf8), attributePlace: "ce-"),
        ], isBatch: false))
    }

    @Test func binaryHeaderValuesArePercentDecoded() throws {
        let headers = binaryHeaders.map { $0.name == "ce-id" ? (name: "ce-id", value: "r%201%C3%A9") : $0 }
        let request = try CloudEventsRequest.events(contentType: "application/json", headers: headers, body: Array("{}".utf8),
                                                    bareEventType: nil, maxEvents: 10)
        #expect(request.events.first?.id == "r 1é")
    }

    @Test func aBatchOfOneIsStillABatch() throws {
        let body = #"[{"specversion":"1.0","id":"a","source":"/s","type":"t","flag":true,"count":3,"data":{}}]"#
        let request = try CloudEventsRequest.events(contentType: "application/cloudevents-batch+json", headers: [],
                                                    body: Array(body.utf8), bareEventType: nil, maxEvents: 10)
        #expect(request.isBatch)
        #expect(request.events.first?.pointer(to: "id") == "/0/id")
        #expect(request.events.first?.extensions == ["flag": "true", "count": "3"], "extension values are carried as their canonical strings")
    }

    @Test func binaryModeNamesEveryMissingHeader() {
        #expect {
            try CloudEventsRequest.events(contentType: "application/json", headers: [(name: "ce-specversion", value: "0.3")],
                                          body: [], bareEventType: nil, maxEvents: 10)
        } throws: { error in
            let problem = error as? SubmissionProblem
            return problem?.kind == .invalid
                && problem?.violations.map(\.pointer) == ["ce-specversion", "ce-id", "ce-source", "ce-type"]
        }
    }

    @Test func structuredModeKeepsTheDataExactlyIncludingNumberDigits() throws {
        let body = #"{"specversion":"1.0","id":"a","source":"/s","type":"t","time":"2026-06-30T17:00:00Z","comexampleext":"x","data":{"amount":145000.10,"big":12345678901234567890.125,"s":"é\n"}}"#
        let events = try CloudEventsRequest.events(contentType: "application/cloudevents+json", headers: [],
                                                   body: Array(body.utf8), bareEventType: nil, maxEvents: 10).events
        #expect(events.count == 1)
        #expect(String(decoding: events[0].data, as: UTF8.self) == #"{"amount":145000.10,"big":12345678901234567890.125,"s":"é\n"}"#)
        #expect(events[0].time == "2026-06-30T17:00:00Z")
        #expect(events[0].extensions == ["comexampleext": "x"])
        #expect(events[0].dataPointer == "/data")
        #expect(events[0].pointer(to: "id") == "/id")
    }

    @Test func structuredModeRefusesBase64DataAndMissingAttributes() {
        let body = #"{"specversion":"1.0","source":"/s","type":"t","data_base64":"e30="}"#
        #expect {
            try CloudEventsRequest.events(contentType: "application/cloudevents+json", headers: [], body: Array(body.utf8),
                                          bareEventType: nil, maxEvents: 10)
        } throws: { error in
            (error as? SubmissionProblem)?.violations.map(\.pointer) == ["/data_base64", "/id"]
        }
    }

    @Test func aBatchNamesTheIndexOfEachBadEvent() {
        let body = #"[{"specversion":"1.0","id":"a","source":"/s","type":"t","data":{}},7,{"specversion":"1.0","source":"/s","type":"t","data":{}}]"#
        #expect {
            try CloudEventsRequest.events(contentType: "application/cloudevents-batch+json", headers: [], body: Array(body.utf8),
                                          bareEventType: nil, maxEvents: 10)
        } throws: { error in
            let problem = error as? SubmissionProblem
            return problem?.kind == .invalid && problem?.violations.map(\.index) == [1, 2]
                && problem?.violations.map(\.pointer) == ["/1", "/2/id"]
        }
    }

    @Test func aBatchOverTheLimitIsTooLarge() {
        let one = #"{"specversion":"1.0","id":"a","source":"/s","type":"t","data":{}}"#
        let body = "[" + Array(repeating: one, count: 4).joined(separator: ",") + "]"
        #expect {
            try CloudEventsRequest.events(contentType: "application/cloudevents-batch+json", headers: [], body: Array(body.utf8),
                                          bareEventType: nil, maxEvents: 3)
        } throws: { error in
            (error as? SubmissionProblem)?.kind == .tooLarge
        }
    }

    @Test func aBareEventTakesItsIdFromTheIdempotencyKey() throws {
        let request = try CloudEventsRequest.events(contentType: "application/json",
                                                    headers: [(name: "idempotency-key", value: "k-9"), (name: "traceparent", value: "00-ab-cd-01")],
                                                    body: Array("{}".utf8), bareEventType: "pmo.status.reported.v1", maxEvents: 10)
        #expect(request == SubmittedRequest(events: [
            SubmittedEvent(id: "k-9", source: nil, type: "pmo.status.reported.v1", extensions: ["traceparent": "00-ab-cd-01"],
                           data: Array("{}".utf8)),
        ], isBatch: false))
    }

    @Test func otherMediaTypesAndMalformedJSONAreRefused() {
        #expect {
            try CloudEventsRequest.events(contentType: "text/plain", headers: [], body: [], bareEventType: nil, maxEvents: 10)
        } throws: { ($0 as? SubmissionProblem)?.kind == .unsupportedMediaType }
        #expect {
            try CloudEventsRequest.events(contentType: nil, headers: [], body: [], bareEventType: "pmo.status.reported.v1", maxEvents: 10)
        } throws: { ($0 as? SubmissionProblem)?.kind == .unsupportedMediaType }
        #expect {
            try CloudEventsRequest.events(contentType: "application/cloudevents+json", headers: [],
                                          body: Array(#"{"id":"a","id":"b"}"#.utf8), bareEventType: nil, maxEvents: 10)
        } throws: { error in
            let problem = error as? SubmissionProblem
            return problem?.kind == .invalid && problem?.message.contains("repeated") == true
        }
    }
}
