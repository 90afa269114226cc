/// One Kafka record header as plain bytes: a name and a value. PMOModel builds and reads these;
/// the Kafka client copies them to and from librdkafka.
public struct RecordHeader: Hashable, Sendable {
    /// The header name, e.g. `ce_type`.
    public var name: String
    /// The raw header value.
    public var value: [UInt8]

    /// A header with raw bytes.
    public init(name: String, value: [UInt8]) {
        self.name = name
        self.value = value
    }

    /// A header whose value is UTF-8 text.
    public init(_ name: String, _ text: String) {
        self.init(name: name, value: Array(text.utf8))
    }

    /// The value as UTF-8 text, `nil` when it is not valid UTF-8.
    public var text: String? {
        value.withUnsafeBufferPointer { String(validUTF8: $0) }
    }
}
