import Foundation

/// An event of the PMO contracts: the JSON value of one Kafka record.
///
/// Every event type has a JSON Schema `schemas/events/<eventType>.schema.json`, is listed in the
/// ``TopicCatalog`` under the topic that carries it, and is known to ``EventRegistry``.
public protocol PMOEvent: Codable, Sendable, Equatable, Validatable, JSONWritable, JSONReadable {
    /// The CloudEvents `ce_type`, ending in the contract version, e.g. `pmo.status.reported.v1`.
    static var eventType: String { get }
    /// What the record key of this event is.
    static var keyKind: RecordKeyKind { get }
    /// The record key (and CloudEvents subject): the `projectId`, `resourceId` or config id.
    var recordKey: String { get }
}

extension PMOEvent {
    /// Every domain violation of the event (empty when valid), each with a JSON Pointer.
    public func validate() -> [Violation] {
        violations()
    }

    /// The contract version, the number after the final `.v` of ``eventType``.
    public static var schemaVersion: Int {
        EventTypeName.version(of: eventType) ?? 0
    }

    /// The `$id` of the event's JSON Schema.
    public static var schemaId: String {
        EventTypeName.schemaId(for: eventType)
    }

    /// The event's JSON: the bytes ``PMOJSON`` would encode (sorted keys, RFC 3339 instants),
    /// written by the type itself (``JSONWritable``).
    public func jsonData() throws -> Data {
        Data(try jsonBytes())
    }

    /// Decodes the event from JSON as ``PMOJSON`` does: read by the type itself
    /// (``JSONReadable``) when the record is plainly valid, otherwise with `JSONDecoder` through
    /// ``RecordDecoder``, which throws every problem at its JSON Pointer.
    public static func decodeJSON(_ data: Data) throws -> Self {
        if let event = Self(jsonBytes: data) { return event }
        return try PMOJSON.decode(Self.self, from: data)
    }

    /// ``decodeJSON(_:)`` for JSON held in an array: read in place, copied only for `JSONDecoder`.
    public static func decodeJSON(bytes: [UInt8]) throws -> Self {
        if let event = Self(jsonBytes: bytes) { return event }
        return try PMOJSON.decode(Self.self, from: Data(bytes))
    }

    /// Whether `other` is an equal event of the same type (for comparing `any PMOEvent` values).
    public func isEqual(to other: any PMOEvent) -> Bool {
        guard let other = other as? Self else { return false }
        return self == other
    }
}

/// Helpers on CloudEvents type names such as `pmo.status.reported.v1`.
public enum EventTypeName {
    /// The base URI of every schema `$id`.
    public static let schemaBaseURI = "https://schemas.pmo.example.org/"

    /// The version at the end of an event type (`pmo.status.reported.v1` gives 1).
    public static func version(of eventType: String) -> Int? {
        guard let range = eventType.range(of: ".v", options: .backwards) else { return nil }
        return Int(eventType[range.upperBound...])
    }

    /// The schema `$id` of an event type.
    public static func schemaId(for eventType: String) -> String {
        "\(schemaBaseURI)events/\(eventType).schema.json"
    }
}
