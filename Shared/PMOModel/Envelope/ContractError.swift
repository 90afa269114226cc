/// Why a record does not satisfy the contracts. The runtime sends such records to the service's
/// dead-letter topic with ``errorClass`` and ``description`` in the headers.
public enum ContractError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The headers are not a valid CloudEvents envelope.
    case envelope(EnvelopeError)
    /// `ce_type` names no event type of the registry.
    case unknownEventType(String)
    /// The record value is not JSON at all.
    case notJSON(String)
    /// The value is JSON but not an object of the event type's fields (an array, a string...).
    case schemaMismatch(pointer: String, message: String)
    /// The value is JSON but does not fit the event type: every violation is listed, structural
    /// (missing, `null`, mistyped or invalid fields, properties the contract does not define) and
    /// the field rules of the fields that did decode.
    case schemaViolations(eventType: String, violations: [Violation])
    /// The event decoded but breaks domain rules; every violation is listed.
    case invalid(eventType: String, violations: [Violation])
    /// `ce_subject`, the record key and the event's own key field disagree.
    case keyMismatch(recordKey: String?, subject: String, eventKey: String)
    /// The event could not be encoded (for example a non-finite number).
    case encodingFailed(String)

    /// A short stable class name for logs, metrics and the dead-letter `pmo_dlq_error_class` header.
    public var errorClass: String {
        switch self {
        case .envelope: "envelope"
        case .unknownEventType: "unknown-event-type"
        case .notJSON: "not-json"
        case .schemaMismatch, .schemaViolations: "schema-mismatch"
        case .invalid: "domain-invalid"
        case .keyMismatch: "key-mismatch"
        case .encodingFailed: "encoding-failed"
        }
    }

    /// The violations the error stands for, each with its JSON Pointer (empty for envelope and
    /// type errors).
    public var violations: [Violation] {
        switch self {
        case .schemaMismatch(let pointer, let message):
            [Violation(pointer: JSONPointer(parsing: pointer) ?? .root, message: message)]
        case .invalid(_, let violations), .schemaViolations(_, let violations): violations
        default: []
        }
    }

    /// A sentence naming the field or header concerned.
    public var description: String {
        switch self {
        case .envelope(let error): "invalid CloudEvents envelope: \(error)"
        case .unknownEventType(let type): "unknown event type '\(type)'"
        case .notJSON(let detail): "the record value is not JSON: \(detail)"
        case .schemaMismatch(let pointer, let message): "\(pointer.isEmpty ? "/" : pointer): \(message)"
        case .schemaViolations(let type, let violations):
            "the value does not fit \(type) (\(violations.count) violation(s)): " + violations.map(\.description).joined(separator: "; ")
        case .invalid(let type, let violations):
            "\(type) breaks \(violations.count) rule(s): " + violations.map(\.description).joined(separator: "; ")
        case .keyMismatch(let recordKey, let subject, let eventKey):
            "record key '\(recordKey ?? "<none>")', ce_subject '\(subject)' and event key '\(eventKey)' must be equal"
        case .encodingFailed(let detail): "the event could not be encoded: \(detail)"
        }
    }
}
