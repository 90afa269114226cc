import PMOModel

/// An event that passed every check, ready to publish: its Kafka record (the key and the
/// CloudEvents headers derived from the event itself, never chosen by the client), its topic
/// from the catalog, and the fingerprint that tells a retry from a different event reusing an id.
public struct AcceptedEvent: Equatable, Sendable {
    /// Its place in the request (0 for a single event).
    public var index: Int
    /// (`ce_source`, `ce_id`): what a retry is recognised by.
    public var identity: EventIdentity
    /// `ce_type`.
    public var eventType: String
    /// The catalog's topic for the type.
    public var topic: String
    /// Key, headers and value as published.
    public var record: EventRecord
    /// SHA-256 of the type, the time the client gave and the event's canonical JSON.
    public var fingerprint: String
    /// How violations name the event's `id` attribute (see ``SubmittedEvent/attributePlace``).
    public var idPointer: String

    public init(index: Int, identity: EventIdentity, eventType: String, topic: String, record: EventRecord, fingerprint: String,
                idPointer: String = "id") {
        self.index = index
        self.identity = identity
        self.eventType = eventType
        self.topic = topic
        self.record = record
        self.fingerprint = fingerprint
        self.idPointer = idPointer
    }
}
