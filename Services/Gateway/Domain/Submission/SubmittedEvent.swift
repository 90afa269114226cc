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

    public init(id: String?, source: String?, type: String, time: String? = nil, subject: String? = nil,
                extensions: [String: String] = [:], data: [UInt8], dataPointer: String = "") {
        self.id = id
        self.source = source
        self.type = type
        self.time = time
        self.subject = subject
        self.extensions = extensions
        self.data = data
        self.dataPointer = dataPointer
    }
}
