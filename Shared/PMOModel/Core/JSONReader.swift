/// A cursor over the bytes of one JSON document (RFC 8259, strictly), from which the contract
/// types read themselves member by member (``JSONReadable/init(reading:)``), with no tree in
/// between; ``JSONValue`` is read through it too.
///
/// Like ``JSONValue``, it only has to recognise plainly valid records quickly: every method gives
/// `nil` (or ``Key/invalid``) at the first thing it does not accept (a syntax error, a control
/// character or bad escape in a string, a lone surrogate, invalid UTF-8, nesting deeper than
/// ``JSONValue/maximumDepth``), and the caller then decodes the record with `JSONDecoder` through
/// ``RecordDecoder``, which names every problem. A member name is the exception: it is matched as
/// written (``MemberName``), and one that is not UTF-8 matches no member, so the contract type
/// gives `nil` as for any unknown member. The reader borrows the bytes: make it inside
/// ``read(_:_:)`` and do not keep it beyond.
public struct JSONReader {
    @usableFromInline let bytes: UnsafeBufferPointer<UInt8>
    @usableFromInline var index = 0

    /// A reader at the start of `bytes`, which must outlive it.
    @inlinable public init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// What `body` reads from `bytes` when it reads the whole document (white space aside);
    /// `nil` when it gives `nil`, stops short of the end, or the bytes are not contiguous.
    @inlinable public static func read<Value>(_ bytes: some Collection<UInt8>,
                                              _ body: (inout JSONReader) -> Value?) -> Value? {
        let result: Value?? = bytes.withContiguousStorageIfAvailable { buffer in
            var reader = JSONReader(buffer)
            guard let value = body(&reader) else { return nil }
            reader.skipWhiteSpace()
            return reader.atEnd ? value : nil
        }
        return result ?? nil
    }

    /// Whether every byte has been read.
    @inlinable public var atEnd: Bool { index == bytes.count }

    /// The next byte that is not white space (not consumed), `nil` at the end.
    @inlinable mutating func peek() -> UInt8? {
        skipWhiteSpace()
        return index < bytes.count ? bytes[index] : nil
    }

    /// Skips spaces, tabs and line breaks.
    @inlinable public mutating func skipWhiteSpace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    // MARK: - Objects and arrays, a member or element at a time

    /// A member name, read by ``nextKey(first:)``.
    public enum Key {
        /// The next member's name; its value comes next.
        case name(MemberName)
        /// The object's closing brace, consumed.
        case end
        /// Anything else: the document is left to `JSONDecoder`.
        case invalid
    }

    /// A member's name as it is written between its quotes, borrowed from the reader's bytes
    /// (use it in the `switch` over ``nextKey(first:)``, do not keep it). The contract types match
    /// it against their members' names as literals (`case .name("projectId")`), byte for byte, so
    /// no `String` is made for a name; a name written with escapes (`"project\u0049d"`) is
    /// unescaped and matched as text, as `JSONDecoder` would.
    public struct MemberName {
        /// The bytes between the quotes, when the name has no escape.
        @usableFromInline let written: UnsafeBufferPointer<UInt8>
        /// The unescaped name, when it has an escape.
        @usableFromInline let unescaped: String?

        @inlinable init(written: UnsafeBufferPointer<UInt8>) {
            self.written = written
            self.unescaped = nil
        }

        @inlinable init(unescaped: String) {
            self.written = UnsafeBufferPointer(start: nil, count: 0)
            self.unescaped = unescaped
        }

        /// The name as text; `nil` when its bytes are not valid UTF-8.
        public var string: String? {
            unescaped ?? String(validUTF8: written)
        }

        /// Whether `name` is `pattern`: compared byte for byte, or as text when it was escaped.
        @inlinable public static func ~= (pattern: StaticString, name: MemberName) -> Bool {
            if let unescaped = name.unescaped { return unescaped == pattern.description }
            let count = pattern.utf8CodeUnitCount
            guard name.written.count == count else { return false }
            let expected = pattern.utf8Start
            for offset in 0..<count where name.written[offset] != expected[offset] { return false }
            return true
        }
    }

    /// Consumes the `{` that opens an object; `false` when something else comes.
    @inlinable public mutating func beginObject() -> Bool {
        guard peek() == UInt8(ascii: "{") else { return false }
        index += 1
        return true
    }

    /// The next member's name and its colon, or the end of the object. `first` says whether a
    /// member has been read since ``beginObject()``: after one, a comma must come first (so
    /// `{"a":1,}` and `{"a":1 "b":2}` are ``Key/invalid``).
    @inlinable public mutating func nextKey(first: Bool) -> Key {
        guard let byte = peek() else { return .invalid }
        if byte == UInt8(ascii: "}") {
            index += 1
            return .end
        }
        if !first {
            guard byte == UInt8(ascii: ",") else { return .invalid }
            index += 1
        }
        guard peek() == UInt8(ascii: "\""), let name = memberName(), peek() == UInt8(ascii: ":") else { return .invalid }
        index += 1
        return .name(name)
    }

    /// The member name at `index` (which holds its opening quote): its bytes when it has no
    /// escape, otherwise unescaped by ``string()``; `nil` for a control character or, in an
    /// escaped name, anything ``string()`` refuses. Bytes that are not UTF-8 match no literal
    /// name, and ``MemberName/string`` gives `nil` for them.
    @inlinable mutating func memberName() -> MemberName? {
        let quote = index
        index += 1
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                return MemberName(written: UnsafeBufferPointer(rebasing: bytes[start..<index - 1]))
            }
            if byte == UInt8(ascii: "\\") {
                index = quote
                return string().map(MemberName.init(unescaped:))
            }
            guard byte >= 0x20 else { return nil }
            index += 1
        }
        return nil
    }

    /// Consumes the `[` that opens an array; `false` when something else comes.
    @inlinable public mutating func beginArray() -> Bool {
        guard peek() == UInt8(ascii: "[") else { return false }
        index += 1
        return true
    }

    /// Whether an element comes next (after its separating comma, consumed, when `first` is
    /// `false`); `false` once the closing bracket is consumed; `nil` for anything else.
    @inlinable public mutating func nextElement(first: Bool) -> Bool? {
        guard let byte = peek() else { return nil }
        if byte == UInt8(ascii: "]") {
            index += 1
            return false
        }
        if !first {
            guard byte == UInt8(ascii: ",") else { return nil }
            index += 1
        }
        return true
    }

    // MARK: - Scalars

    /// A string value, unescaped; `nil` when the next value is not a valid string.
    @inlinable public mutating func readString() -> String? {
        guard peek() == UInt8(ascii: "\"") else { return nil }
        return string()
    }

    /// `true` or `false`; `nil` for anything else.
    @inlinable public mutating func readBool() -> Bool? {
        switch peek() {
        case UInt8(ascii: "t"): literal("true") ? true : nil
        case UInt8(ascii: "f"): literal("false") ? false : nil
        default: nil
        }
    }

    /// A number as it is written (`-21043.48`, `1e-5`), for the field's type to read exactly as
    /// `JSONDecoder` would; `nil` when the next value is not a number of JSON's grammar.
    @inlinable public mutating func readNumber() -> String? {
        guard let byte = peek(), byte == UInt8(ascii: "-") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else {
            return nil
        }
        return number()
    }

    /// The next value, whatever it is, as a tree (for types that read themselves from a
    /// ``JSONValue``); `nil` when it is not valid JSON.
    public mutating func readValue() -> JSONValue? {
        value(depth: 0)
    }

    // MARK: - The grammar

    mutating func value(depth: Int) -> JSONValue? {
        guard let byte = peek(), depth <= JSONValue.maximumDepth else { return nil }
        switch byte {
        case UInt8(ascii: "{"): return object(depth: depth + 1)
        case UInt8(ascii: "["): return array(depth: depth + 1)
        case UInt8(ascii: "\""): return string().map(JSONValue.string)
        case UInt8(ascii: "t"): return literal("true") ? .bool(true) : nil
        case UInt8(ascii: "f"): return literal("false") ? .bool(false) : nil
        case UInt8(ascii: "n"): return literal("null") ? .null : nil
        default: return number().map(JSONValue.number)
        }
    }

    mutating func object(depth: Int) -> JSONValue? {
        index += 1
        var members: [(key: String, value: JSONValue)] = []
        while true {
            switch nextKey(first: members.isEmpty) {
            case .end: return .object(members)
            case .invalid: return nil
            case .name(let name):
                guard let key = name.string, !members.contains(where: { $0.key == key }),
                      let value = value(depth: depth) else { return nil }
                members.append((key, value))
            }
        }
    }

    mutating func array(depth: Int) -> JSONValue? {
        index += 1
        var elements: [JSONValue] = []
        while true {
            switch nextElement(first: elements.isEmpty) {
            case .some(false): return .array(elements)
            case .none: return nil
            case .some(true):
                guard let element = value(depth: depth) else { return nil }
                elements.append(element)
            }
        }
    }

    /// Consumes `text` when it comes next.
    @inlinable mutating func literal(_ text: StaticString) -> Bool {
        let count = text.utf8CodeUnitCount
        guard bytes.count - index >= count else { return false }
        for offset in 0..<count where bytes[index + offset] != text.utf8Start[offset] { return false }
        index += count
        return true
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?` at `index`, as written.
    @usableFromInline mutating func number() -> String? {
        let start = index
        func digits() -> Int {
            let first = index
            while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
            return index - first
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < bytes.count else { return nil }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
        } else {
            guard digits() > 0 else { return nil }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard digits() > 0 else { return nil }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard digits() > 0 else { return nil }
        }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
    }

    /// A string at `index` (which holds its opening quote), unescaped; `nil` for a control
    /// character, a bad escape, a lone surrogate or invalid UTF-8.
    @usableFromInline mutating func string() -> String? {
        index += 1
        let start = index
        // The common case: no escape at all.
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let text = String(validUTF8: UnsafeBufferPointer(rebasing: bytes[start..<index]))
                index += 1
                return text
            }
            if byte == UInt8(ascii: "\\") { break }
            guard byte >= 0x20 else { return nil }
            index += 1
        }
        var unescaped = Array(UnsafeBufferPointer(rebasing: bytes[start..<index]))
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return unescaped.withUnsafeBufferPointer { String(validUTF8: $0) }
            case UInt8(ascii: "\\"):
                index += 1
                guard index < bytes.count else { return nil }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): unescaped.append(escape)
                case UInt8(ascii: "b"): unescaped.append(0x08)
                case UInt8(ascii: "f"): unescaped.append(0x0C)
                case UInt8(ascii: "n"): unescaped.append(0x0A)
                case UInt8(ascii: "r"): unescaped.append(0x0D)
                case UInt8(ascii: "t"): unescaped.append(0x09)
                case UInt8(ascii: "u"):
                    guard var scalar = hexQuad() else { return nil }
                    if (0xD800...0xDBFF).contains(scalar) {
                        guard bytes.count - index >= 6, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                            return nil
                        }
                        index += 2
                        guard let low = hexQuad(), (0xDC00...0xDFFF).contains(low) else { return nil }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let unicode = Unicode.Scalar(scalar) else { return nil }
                    unescaped.append(contentsOf: String(Character(unicode)).utf8)
                default:
                    return nil
                }
            default:
                guard byte >= 0x20 else { return nil }
                unescaped.append(byte)
                index += 1
            }
        }
        return nil
    }

    mutating func hexQuad() -> UInt32? {
        guard bytes.count - index >= 4 else { return nil }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }
}
