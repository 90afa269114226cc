import Foundation
import Hummingbird
import Logging
import Synchronization

/// A stand-in for Jaeger in the tests: an OTLP/HTTP receiver (`POST /v1/traces`, the JSON
/// encoding) that keeps every span the services export.
final class TraceCollector: Sendable {
    /// One exported span, as the tests look at it.
    struct Span: Sendable, CustomStringConvertible {
        var service: String
        var name: String
        var kind: String
        var traceID: String
        var spanID: String
        var parentSpanID: String?
        var attributes: [String: String]
        /// The spans this one links to, as (trace id, span id).
        var links: [Link] = []

        struct Link: Sendable, Equatable {
            var traceID: String
            var spanID: String
        }

        var description: String {
            "\(service) '\(name)' \(kind) trace \(traceID) span \(spanID) parent \(parentSpanID ?? "-") \(attributes)"
        }
    }

    /// The spans received, shared with the route that receives them.
    private final class Received: Sendable {
        let spans = Mutex<[Span]>([])
    }

    private let received: Received
    let port: Int
    private let task: Task<Void, any Error>

    /// Starts listening on 127.0.0.1:`port`.
    init(port: Int) {
        self.port = port
        let router = Router()
        let received = Received()
        self.received = received
        router.post("v1/traces") { request, _ -> Response in
            let body = try await request.body.collect(upTo: 64 << 20)
            let spans = Self.spans(in: Data(buffer: body))
            received.spans.withLock { $0 += spans }
            return Response(status: .ok, headers: [.contentType: "application/json"],
                            body: ResponseBody(byteBuffer: ByteBuffer(string: "{}")))
        }
        var logger = Logger(label: "trace-collector")
        // Stopped by cancellation when the test ends, which the server reports as errors.
        logger.logLevel = .critical
        let application = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)),
                                      logger: logger)
        task = Task { try await application.runService() }
    }

    deinit { task.cancel() }

    /// Every span received so far.
    var spans: [Span] { received.spans.withLock { $0 } }

    /// Waits until `found` finds what it looks for in the spans received, or `timeout` passes.
    func wait<T>(timeout: Duration, for found: ([Span]) -> T?) async throws -> T? {
        let end = ContinuousClock.now.advanced(by: timeout)
        while ContinuousClock.now < end {
            if let result = found(spans) { return result }
            try await Task.sleep(for: .milliseconds(200))
        }
        return found(spans)
    }

    /// `spans` drawn as a tree, one line per span (service, name, and the event's subject), each
    /// under its parent; a span whose parent is not among them starts a tree.
    static func tree(of spans: [Span]) -> String {
        let ids = Set(spans.map(\.spanID))
        func lines(under parent: String?, depth: Int) -> [String] {
            spans.filter { parent == nil ? !ids.contains($0.parentSpanID ?? "") : $0.parentSpanID == parent }
                .sorted { ($0.service, $0.name, $0.spanID) < ($1.service, $1.name, $1.spanID) }
                .flatMap { span in
                    let subject = span.attributes["cloudevents.event_subject"].map { " [\($0)]" } ?? ""
                    let outcome = span.attributes["pmo.outcome"].map { " \($0)" } ?? ""
                    return ["\(String(repeating: "  ", count: depth))\(span.service): \(span.name)\(subject)\(outcome)"]
                        + lines(under: span.spanID, depth: depth + 1)
                }
        }
        let root = spans.first { !ids.contains($0.parentSpanID ?? "") }
        return "trace \(root?.traceID ?? "?")\n" + lines(under: nil, depth: 1).joined(separator: "\n") + "\n"
    }

    /// The spans of an `ExportTraceServiceRequest` in OTLP's JSON encoding. Ids are hex in
    /// OTLP/JSON; protobuf's own JSON mapping gives base64, which is read too.
    static func spans(in body: Data) -> [Span] {
        guard let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] else { return [] }
        var spans: [Span] = []
        for resourceSpans in object["resourceSpans"] as? [[String: Any]] ?? [] {
            let resource = attributes((resourceSpans["resource"] as? [String: Any])?["attributes"])
            for scope in resourceSpans["scopeSpans"] as? [[String: Any]] ?? [] {
                for span in scope["spans"] as? [[String: Any]] ?? [] {
                    let parent = identifier(span["parentSpanId"])
                    spans.append(Span(service: resource["service.name"] ?? "?", name: span["name"] as? String ?? "",
                                      kind: "\(span["kind"] ?? "")", traceID: identifier(span["traceId"]) ?? "",
                                      spanID: identifier(span["spanId"]) ?? "",
                                      parentSpanID: parent?.isEmpty == false ? parent : nil,
                                      attributes: attributes(span["attributes"]),
                                      links: (span["links"] as? [[String: Any]] ?? []).map {
                                          Span.Link(traceID: identifier($0["traceId"]) ?? "", spanID: identifier($0["spanId"]) ?? "")
                                      }))
                }
            }
        }
        return spans
    }

    private static func attributes(_ list: Any?) -> [String: String] {
        var attributes: [String: String] = [:]
        for attribute in list as? [[String: Any]] ?? [] {
            guard let key = attribute["key"] as? String, let value = attribute["value"] as? [String: Any],
                  let first = value.values.first else { continue }
            attributes[key] = "\(first)"
        }
        return attributes
    }

    private static func identifier(_ value: Any?) -> String? {
        guard let text = value as? String else { return nil }
        if text.isEmpty || (text.count % 2 == 0 && text.allSatisfy(\.isHexDigit) && (text.count == 32 || text.count == 16)) {
            return text.lowercased()
        }
        guard let bytes = Data(base64Encoded: text) else { return text }
        return bytes.map { String(format: "%02x", $0) }.joined()
    }
}
