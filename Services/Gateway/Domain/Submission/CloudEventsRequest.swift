import Foundation
import PMOModel

/// Reads the events of an HTTP request in each way the gateway takes them:
/// - **binary mode** (CloudEvents HTTP binding): `ce-*` headers, the event as the JSON body;
/// - **structured mode**: `application/cloudevents+json`, one CloudEvent as a JSON object with
///   the event in `data`;
/// - **batch mode**: `application/cloudevents-batch+json`, an array of structured CloudEvents;
/// - **bare**: `POST /v1/events/{type}` with the event as the JSON body, for simple clients; its
///   id comes from an `Idempotency-Key` header when there is one.
///
/// Only the shape is read here; ``SubmissionCheck`` checks the events against the grant and the
/// contracts.
public enum CloudEventsRequest {
    /// Structured mode's media type.
    public static let structuredMediaType = "application/cloudevents+json"
    /// Batch mode's media type.
    public static let batchMediaType = "application/cloudevents-batch+json"
    /// Binary and bare mode's media type.
    public static let jsonMediaType = "application/json"

    /// The CloudEvents attributes the gateway reads itself; any other is an extension.
    static let contextAttributes: Set<String> = ["specversion", "id", "source", "type", "time", "subject",
                                                  "datacontenttype", "dataschema", "data", "data_base64"]

    /// The events of a request, in order, and whether it is a batch.
    ///
    /// - Parameters:
    ///   - contentType: the `Content-Type` header.
    ///   - headers: the request's headers as (lowercased name, value) pairs.
    ///   - body: the whole body (its size was limited before).
    ///   - bareEventType: the `{type}` of `POST /v1/events/{type}`, `nil` on `/v1/events`.
    ///   - maxEvents: the most events one batch may hold.
    public static func events(contentType: String?, headers: [(name: String, value: String)], body: [UInt8],
                              bareEventType: String?, maxEvents: Int) throws(SubmissionProblem) -> SubmittedRequest {
        let mediaType = contentType.flatMap { $0.split(separator: ";").first }
            .map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        if let bareEventType {
            guard mediaType == jsonMediaType else {
                throw SubmissionProblem(.unsupportedMediaType, "POST /v1/events/\(bareEventType) takes \(jsonMediaType), not '\(mediaType)'")
            }
            let key = header("idempotency-key", in: headers)
            // W3C trace context headers travel as the CloudEvents distributed-tracing extension.
            var extensions: [String: String] = [:]
            for name in ["traceparent", "tracestate"] { extensions[name] = header(name, in: headers) }
            return SubmittedRequest(events: [SubmittedEvent(id: key, source: nil, type: bareEventType, extensions: extensions,
                                                            data: body)], isBatch: false)
        }
        switch mediaType {
        case jsonMediaType:
            return SubmittedRequest(events: [try binary(headers: headers, body: body)], isBatch: false)
        case structuredMediaType:
            guard case .object(let members) = try parse(body) else {
                throw SubmissionProblem(.invalid, "a structured CloudEvent is a JSON object",
                                        violations: [.init(index: nil, pointer: "", message: "must be a JSON object")])
            }
            return SubmittedRequest(events: [try structured(members, index: nil)], isBatch: false)
        case batchMediaType:
            guard case .array(let elements) = try parse(body) else {
                throw SubmissionProblem(.invalid, "a CloudEvents batch is a JSON array of CloudEvents",
                                        violations: [.init(index: nil, pointer: "", message: "must be a JSON array")])
            }
            guard !elements.isEmpty else {
                throw SubmissionProblem(.invalid, "the batch holds no event", violations: [.init(index: nil, pointer: "", message: "must not be empty")])
            }
            guard elements.count <= maxEvents else {
                throw SubmissionProblem(.tooLarge, "a batch holds at most \(maxEvents) events; this one holds \(elements.count)")
            }
            var events: [SubmittedEvent] = []
            var violations: [SubmissionProblem.EventViolation] = []
            for (index, element) in elements.enumerated() {
                guard case .object(let members) = element else {
                    violations.append(.init(index: index, pointer: "/\(index)", message: "must be a CloudEvent, a JSON object"))
                    continue
                }
                do throws(SubmissionProblem) {
                    events.append(try structured(members, index: index))
                } catch {
                    violations += error.violations
                }
            }
            guard violations.isEmpty else {
                throw SubmissionProblem(.invalid, "\(Set(violations.compactMap(\.index)).count) of \(elements.count) events are not valid CloudEvents; nothing was published",
                                        violations: violations)
            }
            return SubmittedRequest(events: events, isBatch: true)
        default:
            throw SubmissionProblem(.unsupportedMediaType, """
                Content-Type '\(mediaType)' is none of \(jsonMediaType) with ce-* headers (binary mode), \
                \(structuredMediaType) or \(batchMediaType)
                """)
        }
    }

    /// Binary mode: the attributes from `ce-*` headers.
    static func binary(headers: [(name: String, value: String)], body: [UInt8]) throws(SubmissionProblem) -> SubmittedEvent {
        var violations: [SubmissionProblem.EventViolation] = []
        func required(_ name: String) -> String {
            guard let value = attribute("ce-\(name)", in: headers), !value.isEmpty else {
                violations.append(.init(index: nil, pointer: "ce-\(name)", message: "the ce-\(name) header is required in binary mode"))
                return ""
            }
            return value
        }
        let specVersion = required("specversion")
        if !specVersion.isEmpty, specVersion != CloudEventAttributes.specVersion {
            violations.append(.init(index: nil, pointer: "ce-specversion", message: "must be \(CloudEventAttributes.specVersion)"))
        }
        let id = required("id"), source = required("source"), type = required("type")
        guard violations.isEmpty else {
            throw SubmissionProblem(.invalid, "not a binary-mode CloudEvent", violations: violations)
        }
        var extensions: [String: String] = [:]
        for (name, _) in headers where name.hasPrefix("ce-") {
            let attribute = String(name.dropFirst(3))
            if !contextAttributes.contains(attribute), isExtensionName(attribute) { extensions[attribute] = self.attribute(name, in: headers) }
        }
        return SubmittedEvent(id: id, source: source, type: type, time: attribute("ce-time", in: headers),
                              subject: attribute("ce-subject", in: headers), extensions: extensions, data: body,
                              attributePlace: "ce-")
    }

    /// Structured mode: one CloudEvent object, `index` its place in a batch.
    static func structured(_ members: [(key: String, value: JSONValue)], index: Int?) throws(SubmissionProblem) -> SubmittedEvent {
        let base = index.map { "/\($0)" } ?? ""
        var violations: [SubmissionProblem.EventViolation] = []
        var strings: [String: String] = [:]
        var data: JSONValue?
        for (key, value) in members {
            switch (key, value) {
            case ("data", _): data = value
            case ("data_base64", _):
                violations.append(.init(index: index, pointer: "\(base)/data_base64", message: "PMO events are JSON: put the event in data"))
            case (_, .string(let text)): strings[key] = text
            case (_, .null) where !["specversion", "id", "source", "type"].contains(key): break
            // Extension attributes may be booleans or integers; their canonical string travels on.
            case (_, .bool(let flag)) where !contextAttributes.contains(key): strings[key] = flag ? "true" : "false"
            case (_, .number(let digits)) where !contextAttributes.contains(key): strings[key] = digits
            default:
                violations.append(.init(index: index, pointer: "\(base)\(JSONPointer(tokens: [key]))", message: "must be a string"))
            }
        }
        for name in ["specversion", "id", "source", "type"] where (strings[name] ?? "").isEmpty {
            violations.append(.init(index: index, pointer: "\(base)/\(name)", message: "the \(name) attribute is required"))
        }
        if let version = strings["specversion"], !version.isEmpty, version != CloudEventAttributes.specVersion {
            violations.append(.init(index: index, pointer: "\(base)/specversion", message: "must be \(CloudEventAttributes.specVersion)"))
        }
        if let contentType = strings["datacontenttype"],
           contentType.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased() != jsonMediaType {
            violations.append(.init(index: index, pointer: "\(base)/datacontenttype", message: "must be \(jsonMediaType)"))
        }
        if data == nil, !violations.contains(where: { $0.pointer == "\(base)/data_base64" }) {
            violations.append(.init(index: index, pointer: "\(base)/data", message: "the event is required in data"))
        }
        guard violations.isEmpty, let data else {
            throw SubmissionProblem(.invalid, "not a structured CloudEvent", violations: violations)
        }
        let extensions = strings.filter { !contextAttributes.contains($0.key) && isExtensionName($0.key) }
        return SubmittedEvent(id: strings["id"], source: strings["source"], type: strings["type"] ?? "",
                              time: strings["time"], subject: strings["subject"], extensions: extensions,
                              data: data.jsonBytes(), dataPointer: "\(base)/data", attributePlace: "\(base)/")
    }

    /// A body that must be JSON (structured and batch modes).
    static func parse(_ body: [UInt8]) throws(SubmissionProblem) -> JSONValue {
        if let value = JSONValue(parsing: body) { return value }
        let detail: String
        do {
            _ = try JSONSerialization.jsonObject(with: Data(body), options: [.fragmentsAllowed])
            detail = "a member is repeated, or a string holds a lone surrogate"
        } catch {
            detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)"
        }
        throw SubmissionProblem(.invalid, "the body is not valid JSON (RFC 8259): \(detail)",
                                violations: [.init(index: nil, pointer: "", message: "not valid JSON: \(detail)")])
    }

    /// CloudEvents extension names: lowercase letters and digits, at most 20 (spec 1.0).
    static func isExtensionName(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 20 && name.utf8.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) }
    }

    static func header(_ name: String, in headers: [(name: String, value: String)]) -> String? {
        headers.first { $0.name == name }?.value
    }

    /// A `ce-*` header's value, percent-decoded as the CloudEvents HTTP binding encodes it.
    static func attribute(_ name: String, in headers: [(name: String, value: String)]) -> String? {
        header(name, in: headers).map { $0.removingPercentEncoding ?? $0 }
    }
}

extension JSONValue {
    /// The value written back as JSON, numbers with their digits as read.
    func jsonBytes() -> [UInt8] {
        var output = JSONOutput(capacity: 1024)
        write(to: &output)
        return output.bytes
    }

    private func write(to output: inout JSONOutput) {
        switch self {
        case .object(let members):
            output.raw("{")
            for (position, member) in members.enumerated() {
                if position > 0 { output.raw(",") }
                output.string(member.key)
                output.raw(":")
                member.value.write(to: &output)
            }
            output.raw("}")
        case .array(let elements):
            output.raw("[")
            for (position, element) in elements.enumerated() {
                if position > 0 { output.raw(",") }
                element.write(to: &output)
            }
            output.raw("]")
        case .string(let text): output.string(text)
        case .number(let digits): output.raw(digits)
        case .bool(let value): output.raw(value ? "true" : "false")
        case .null: output.raw("null")
        }
    }
}
