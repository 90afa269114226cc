/// One event as an HTTP request carried it, before any check: the CloudEvents attributes the
/// client gave (or `nil` where it gave none) and the event's JSON.
public struct SubmittedEvent: Equatable, Sendable {
    /// `id`; `nil` only for a bare event posted without an `Idempotency-Key`.
    public var id: String?
    /// `source`; `nil` for a bare event, which is published as the token's source.
    public var source: String?
    /// `type`.
    public var type: String
    /// `time` as written; `nil` to use the time the gateway received it.
    public var time: String?
    /// `subject`; when given it must be the event's record key.
    public var subject: String?
    /// Extension attributes (`traceparent`, …) by name, carried on as `ce_<name>` headers.
    public var extensions: [String: String]
    /// The event itself: the JSON the contract decodes.
    public var data: [UInt8]
    /// Where the data sits in the request body, for violation pointers (`/data`, `/3/data`, ``).
    public var dataPointer: String
    /// How a violation names an attribute: this prefix and the attribute's name, so `ce-id` in
    /// binary mode (a header), `/id` or `/3/id` in structured and batch mode (a JSON Pointer into
    /// the body), `id` for a bare event.
    public var attributePlace: String

    /// The name of `attribute` in violations.
    public func pointer(to attribute: String) -> String { attributePlace + attribute }

    public init(id: String?, source: String?, type: String, time: String? = nil, subject: String? = nil,
                extensions: [String: String] = [:], data: [UInt8], dataPointer: String = "", attributePlace: String = "") {
        self.id = id
        self.source = source
        self.type = type
        self.time = time
        self.subject = subject
        self.extensions = extensions
        self.data = data
        self.dataPointer = dataPointer
        self.attributePlace = attributePlace
    }
}

/// The events of one request, and whether it was a batch (`application/cloudevents-batch+json`,
/// answered with an index per event even when it holds one event).
public struct SubmittedRequest: Equatable, Sendable {
    /// The events, in order.
    public var events: [SubmittedEvent]
    /// Whether the request was a batch.
    public var isBatch: Bool

    public init(events: [SubmittedEvent], isBatch: Bool) {
        self.events = events
        self.isBatch = isBatch
    }
}
