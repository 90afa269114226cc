import Foundation

/// Encodes any `Encodable` value to the very bytes ``PMOJSON``'s `JSONEncoder` gives (keys sorted
/// by their UTF-8 bytes, RFC 3339 instants, `Decimal` and `Double` as `JSONEncoder` writes them,
/// `Data` as base64, a `URL` as its absolute string), at a fraction of its cost: values go into a
/// light tree whose leaves are already bytes, and the tree is written once through
/// ``JSONOutput``.
///
/// It serves the `Codable` types that have no generated writer: each service's own state, written
/// to its changelog once per key and transaction. `Tests/PMOModelTests/JSONTreeEncoderTests.swift`
/// compares it with `JSONEncoder` byte for byte.
public enum JSONTreeEncoder {
    /// The JSON of `value`.
    public static func encode(_ value: some Encodable) throws -> [UInt8] {
        var output = JSONOutput(capacity: 4096)
        try write(value, to: &output)
        return output.bytes
    }

    /// Appends the JSON of `value` to `output`: a value with a writer of its own
    /// (``JSONWritable``) writes itself there, any other goes through the tree.
    public static func write<Value: Encodable>(_ value: Value, to output: inout JSONOutput) throws {
        if let writable = Value.self as? any JSONWritable.Type {
            // Asked of the type, and written where the value is: cast to `any JSONWritable`, a
            // service's state (2 KB for monitoring's) was copied into a box, every field retained.
            try withUnsafePointer(to: value) { try writeInPlace(writable, $0, to: &output) }
        } else {
            try TreeEncoder.node(for: value).write(to: &output)
        }
    }

    /// Writes the value at `pointer`, which is of type `Writable` (the same type under another name).
    private static func writeInPlace<Writable: JSONWritable, Value>(_ type: Writable.Type, _ pointer: UnsafePointer<Value>,
                                                                  to output: inout JSONOutput) throws {
        try UnsafeRawPointer(pointer).assumingMemoryBound(to: Writable.self).pointee.writeJSON(to: &output)
    }
}

/// A value on its way to JSON.
private enum Node {
    /// A scalar, already written.
    case scalar([UInt8])
    case object(ObjectNode)
    case array(ArrayNode)

    func write(to output: inout JSONOutput) throws {
        switch self {
        case .scalar(let bytes):
            output.raw(bytes)
        case .object(let object):
            output.beginObject()
            var first = true
            // Sorted by key (a stable sort), and of a key set twice only the last value, as in JSONEncoder.
            let members = object.members.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
            for (index, (key, value)) in members.enumerated() {
                if index + 1 < members.count, members[index + 1].key == key { continue }
                if !first { output.raw(",") }
                first = false
                output.string(key)
                output.raw(":")
                try value.write(to: &output)
            }
            output.endObject()
        case .array(let array):
            output.raw("[")
            for (index, element) in array.elements.enumerated() {
                if index > 0 { output.raw(",") }
                try element.write(to: &output)
            }
            output.raw("]")
        }
    }
}

/// An object's members in the order they were set, filled in by a keyed container (a class: a
/// nested container fills it after its parent has recorded it).
private final class ObjectNode {
    var members: [(key: String, value: Node)] = []

    func set(_ key: String, _ value: Node) {
        members.append((key, value))
    }
}

/// An array's elements, filled in by an unkeyed container.
private final class ArrayNode {
    var elements: [Node] = []
}

/// The `Encoder` handed to each value's `encode(to:)`. It does not track the coding path (no
/// contract or state type reads it while encoding); an error names the value, not its position.
private final class TreeEncoder: Encoder {
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    /// What the value encoded: a container, or a single value.
    var node: Node?

    /// `value` as a node: the types `JSONEncoder` writes itself, or whatever its `encode(to:)` writes
    /// (an empty object when it writes nothing, as in `JSONEncoder`).
    static func node<T: Encodable>(for value: T) throws -> Node {
        if let scalar = try scalar(value) { return .scalar(scalar) }
        if let writable = value as? any JSONWritable {
            // A contract type nested in a state: its generated writer gives JSONEncoder's bytes.
            return .scalar(try writable.jsonBytes(capacity: 512))
        }
        let encoder = TreeEncoder()
        try value.encode(to: encoder)
        return encoder.node ?? .object(ObjectNode())
    }

    /// The bytes of a value `JSONEncoder` writes without asking it; `nil` for any other. The
    /// type is compared first (a pointer comparison), so a struct costs no dynamic casts.
    static func scalar<T: Encodable>(_ value: T) throws -> [UInt8]? {
        var output = JSONOutput(capacity: 24)
        if T.self == String.self {
            output.string(value as! String)
        } else if T.self == Int.self {
            try (value as! Int).writeJSON(to: &output)
        } else if T.self == Double.self {
            try (value as! Double).writeJSON(to: &output)
        } else if T.self == Bool.self {
            try (value as! Bool).writeJSON(to: &output)
        } else if T.self == Decimal.self {
            try (value as! Decimal).writeJSON(to: &output)
        } else if T.self == Date.self {
            try (value as! Date).writeJSON(to: &output)
        } else if T.self == Data.self {
            output.string((value as! Data).base64EncodedString())
        } else if T.self == URL.self {
            output.string((value as! URL).absoluteString)
        } else if T.self == Float.self {
            let number = value as! Float
            guard number.isFinite else { throw JSONOutputError(description: "\(number) cannot be written in JSON") }
            var text = number.description
            if text.hasSuffix(".0") { text.removeLast(2) }
            output.raw(text)
        } else if let integer = integerText(value) {
            output.raw(integer)
        } else {
            return nil
        }
        return output.bytes
    }

    /// The digits of a fixed-width integer other than `Int`.
    private static func integerText<T>(_ value: T) -> String? {
        switch T.self {
        case is Int8.Type, is Int16.Type, is Int32.Type, is Int64.Type,
             is UInt.Type, is UInt8.Type, is UInt16.Type, is UInt32.Type, is UInt64.Type:
            (value as! any FixedWidthInteger).description
        default:
            nil
        }
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        let object: ObjectNode
        if case .object(let existing) = node {
            object = existing
        } else {
            object = ObjectNode()
            node = .object(object)
        }
        return KeyedEncodingContainer(KeyedContainer<Key>(object: object))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        let array: ArrayNode
        if case .array(let existing) = node {
            array = existing
        } else {
            array = ArrayNode()
            node = .array(array)
        }
        return UnkeyedContainer(array: array)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleValueContainer { [self] in node = $0 }
    }
}

private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let object: ObjectNode
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil(forKey key: Key) throws {
        object.set(key.stringValue, .scalar(Array("null".utf8)))
    }

    mutating func encode(_ value: some Encodable, forKey key: Key) throws {
        object.set(key.stringValue, try TreeEncoder.node(for: value))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type,
                                                        forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        let nested = ObjectNode()
        object.set(key.stringValue, .object(nested))
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(object: nested))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let nested = ArrayNode()
        object.set(key.stringValue, .array(nested))
        return UnkeyedContainer(array: nested)
    }

    mutating func superEncoder() -> any Encoder {
        AttachedEncoder { [object] in object.set("super", $0) }
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        AttachedEncoder { [object] in object.set(key.stringValue, $0) }
    }
}

private struct UnkeyedContainer: UnkeyedEncodingContainer {
    let array: ArrayNode
    var codingPath: [any CodingKey] { [] }
    var count: Int { array.elements.count }

    mutating func encodeNil() throws {
        array.elements.append(.scalar(Array("null".utf8)))
    }

    mutating func encode(_ value: some Encodable) throws {
        array.elements.append(try TreeEncoder.node(for: value))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let nested = ObjectNode()
        array.elements.append(.object(nested))
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(object: nested))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let nested = ArrayNode()
        array.elements.append(.array(nested))
        return UnkeyedContainer(array: nested)
    }

    mutating func superEncoder() -> any Encoder {
        let index = array.elements.count
        array.elements.append(.object(ObjectNode()))
        return AttachedEncoder { [array] in array.elements[index] = $0 }
    }
}

private struct SingleValueContainer: SingleValueEncodingContainer {
    /// Where the value goes.
    let place: (Node) -> Void
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil() throws {
        place(.scalar(Array("null".utf8)))
    }

    mutating func encode(_ value: some Encodable) throws {
        place(try TreeEncoder.node(for: value))
    }
}

/// A `superEncoder`: what it encodes is put in its place in the parent (an empty object until then).
private final class AttachedEncoder: Encoder {
    let place: (Node) -> Void
    let encoder = TreeEncoder()
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(place: @escaping (Node) -> Void) {
        self.place = place
        place(.object(ObjectNode()))
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        let container = encoder.container(keyedBy: type)
        if let node = encoder.node { place(node) }
        return container
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        let container = encoder.unkeyedContainer()
        if let node = encoder.node { place(node) }
        return container
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleValueContainer(place: place)
    }
}
