import Foundation

/// A JSON document read into a small tree, strictly (RFC 8259), by ``JSONReader``: for documents
/// whose shape is not a contract type's (a CloudEvent in structured mode, the test counter's
/// events); the contract types read themselves from the reader directly (``JSONReadable``).
///
/// It only has to recognise valid records quickly. Anything it does not take as plainly valid (a
/// syntax error, a duplicate member, a lone surrogate, invalid UTF-8, nesting deeper than
/// ``maximumDepth``) gives `nil`, and the caller decodes the record with `JSONDecoder` through
/// `RecordDecoder`, which names every problem at its JSON Pointer. Numbers keep their text, so
/// that each field reads them exactly as `JSONDecoder` would (a `Decimal` from its digits, a
/// `Double` correctly rounded).
public enum JSONValue: Sendable {
    case object([(key: String, value: JSONValue)])
    case array([JSONValue])
    case string(String)
    /// A number as it is written, e.g. `-21043.48` or `1e-5`.
    case number(String)
    case bool(Bool)
    case null

    /// How deep objects and arrays may nest before the reader gives up.
    public static let maximumDepth = 64

    /// Reads a whole document; `nil` unless it is exactly one valid JSON value, with only white
    /// space around it.
    public init?(parsing bytes: some Collection<UInt8>) {
        guard let parsed = JSONReader.read(bytes, { $0.readValue() }) else { return nil }
        self = parsed
    }
}
