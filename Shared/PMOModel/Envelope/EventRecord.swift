/// A Kafka record carrying one PMO event, as plain bytes: what a producer sends and a consumer
/// receives, without any Kafka client type.
public struct EventRecord: Hashable, Sendable {
    /// The record key (the event's ``PMOEvent/recordKey``).
    public var key: String
    /// The CloudEvents headers (and any others).
    public var headers: [RecordHeader]
    /// The JSON event.
    public var value: [UInt8]

    /// Creates a record.
    public init(key: String, headers: [RecordHeader], value: [UInt8]) {
        self.key = key
        self.headers = headers
        self.value = value
    }
}

/// An event read from a record: its envelope and the decoded, validated event.
public struct DecodedEvent: Sendable {
    /// The CloudEvents attributes from the headers.
    public var attributes: CloudEventAttributes
    /// The event, of the Swift type registered for `attributes.type`.
    public var event: any PMOEvent

    /// Creates a decoded event.
    public init(attributes: CloudEventAttributes, event: any PMOEvent) {
        self.attributes = attributes
        self.event = event
    }
}
