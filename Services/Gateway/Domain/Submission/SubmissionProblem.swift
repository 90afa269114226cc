import PMOModel

/// Why the gateway refused a request, as the HTTP status and JSON body the client gets. Nothing
/// of a refused request is published: a batch is refused whole.
public struct SubmissionProblem: Error, Equatable, Sendable {
    /// The kinds of refusal, each with its HTTP status; the raw value names it in the body and in
    /// the `pmo_gateway_refused_total` metric.
    public enum Kind: String, Sendable, CaseIterable {
        /// 400: not CloudEvents, not JSON, or an event that breaks its contract.
        case invalid
        /// 401: no token, or a token the grants file does not know.
        case unauthenticated
        /// 403: an event type or `ce_source` the token is not granted, or a type only a service writes.
        case forbidden
        /// 409: a `ce_id` the source already used for a different event.
        case conflict
        /// 413: a body over the size limit, or a batch over the event limit.
        case tooLarge = "too-large"
        /// 415: a content type that is none of the CloudEvents HTTP modes.
        case unsupportedMediaType = "unsupported-media-type"
        /// 429: the token's rate is used up for now.
        case rateLimited = "rate-limited"
        /// 503: the broker is unreachable or did not acknowledge in time.
        case unavailable

        /// The HTTP status code.
        public var status: Int {
            switch self {
            case .invalid: 400
            case .unauthenticated: 401
            case .forbidden: 403
            case .conflict: 409
            case .tooLarge: 413
            case .unsupportedMediaType: 415
            case .rateLimited: 429
            case .unavailable: 503
            }
        }
    }

    /// One problem of one event: its place in a batch (`nil` for a single event), the JSON Pointer
    /// into the event's data (or the attribute concerned) and what is wrong.
    public struct EventViolation: Equatable, Sendable {
        /// The event's index in the batch, `nil` for a request of one event.
        public var index: Int?
        /// Where in the request: a JSON Pointer into the event's data (`/data/revision` in
        /// structured mode, `/revision` in binary mode), or the CloudEvents attribute as the
        /// request carried it (`ce-id` header, `/3/id` member, `id` of a bare event); empty for
        /// the whole event.
        public var pointer: String
        /// What is wrong.
        public var message: String

        public init(index: Int?, pointer: String, message: String) {
            self.index = index
            self.pointer = pointer
            self.message = message
        }
    }

    /// What kind of refusal.
    public var kind: Kind
    /// One sentence for people.
    public var message: String
    /// Every problem found, per event.
    public var violations: [EventViolation]
    /// Seconds after which a retry may succeed (429, 503), sent as `Retry-After`.
    public var retryAfterSeconds: Int?

    public init(_ kind: Kind, _ message: String, violations: [EventViolation] = [], retryAfterSeconds: Int? = nil) {
        self.kind = kind
        self.message = message
        self.violations = violations
        self.retryAfterSeconds = retryAfterSeconds
    }

    /// The response body: `{"error": kind, "message": …, "violations": [{"index", "pointer", "message"}]}`.
    public func jsonBody() -> [UInt8] {
        var output = JSONOutput(capacity: 256 + violations.count * 128)
        output.raw("{\"error\":")
        output.string(kind.rawValue)
        output.raw(",\"message\":")
        output.string(message)
        if let retryAfterSeconds {
            output.raw(",\"retryAfterSeconds\":\(retryAfterSeconds)")
        }
        output.raw(",\"violations\":[")
        for (position, violation) in violations.enumerated() {
            if position > 0 { output.raw(",") }
            output.raw("{")
            if let index = violation.index { output.raw("\"index\":\(index),") }
            output.raw("\"pointer\":")
            output.string(violation.pointer)
            output.raw(",\"message\":")
            output.string(violation.message)
            output.raw("}")
        }
        output.raw("]}")
        return output.bytes
    }
}
