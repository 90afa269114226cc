import Foundation

/// JSON written straight into bytes, exactly as ``PMOJSON``'s encoder writes the same value:
/// object keys sorted by their UTF-8 bytes, no white space, slashes not escaped, `"`, `\` and
/// control characters escaped as Foundation escapes them, numbers as their `description` (a
/// `Double` without a trailing `.0`), instants as RFC 3339.
///
/// The contract types write themselves through it (``JSONWritable``, generated from the model
/// with each type's fields in sorted order), which costs a fraction of `JSONEncoder`: no
/// intermediate tree, no existential containers, no sorting at run time. `Tests/PMOModelTests`
/// checks that both give the same bytes for every contract example.
public struct JSONOutput: ~Copyable {
    /// The JSON written so far, as an array of its own.
    public var bytes: [UInt8] { Array(UnsafeBufferPointer(start: start, count: count)) }

    /// The bytes, written by the methods below only, into memory this value owns (freed when it
    /// ends). Not an array: an array checks that it is not shared and has room at every append,
    /// through calls into the runtime, and that was a quarter of the cost of writing a record.
    /// The generic writers are inlined into each module that writes, so a type's members are
    /// written by direct calls there, not through witness tables looked up at run time.
    @usableFromInline var start: UnsafeMutablePointer<UInt8>
    /// How many bytes are written.
    @usableFromInline var count = 0
    /// How many fit in `start` before it must grow.
    @usableFromInline var capacity: Int

    /// An empty output with room for `capacity` bytes.
    public init(capacity: Int = 1024) {
        self.capacity = Swift.max(capacity, 16)
        start = .allocate(capacity: self.capacity)
    }

    deinit {
        start.deallocate()
    }

    /// Makes room for `extra` more bytes.
    @inlinable mutating func reserve(_ extra: Int) {
        if count + extra > capacity { grow(toFit: extra) }
    }

    @usableFromInline mutating func grow(toFit extra: Int) {
        let larger = Swift.max(capacity * 2, count + extra)
        let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: larger)
        moved.initialize(from: start, count: count)
        start.deallocate()
        start = moved
        capacity = larger
    }

    /// Appends one byte.
    @inlinable mutating func append(_ byte: UInt8) {
        reserve(1)
        start[count] = byte
        count += 1
    }

    /// Appends `bytes`.
    @inlinable mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        reserve(bytes.count)
        (start + count).initialize(from: base, count: bytes.count)
        count += bytes.count
    }

    /// Appends two bytes.
    @inlinable mutating func append(_ first: UInt8, _ second: UInt8) {
        reserve(2)
        start[count] = first
        start[count + 1] = second
        count += 2
    }

    /// Appends `byte` `times` times.
    @inlinable mutating func append(_ byte: UInt8, times: Int) {
        guard times > 0 else { return }
        reserve(times)
        (start + count).initialize(repeating: byte, count: times)
        count += times
    }

    /// Starts an object: `{`.
    @inlinable public mutating func beginObject() {
        append(UInt8(ascii: "{"))
    }

    /// Ends an object: `}`.
    @inlinable public mutating func endObject() {
        append(UInt8(ascii: "}"))
    }

    /// Writes one member of the object being written: `,` unless it is the first, then `key`
    /// (already quoted and followed by `:`, as the generated code gives it, e.g. `"amount":`)
    /// and the value.
    @inlinable public mutating func member(_ key: StaticString, _ value: some JSONWritable) throws {
        separate(after: UInt8(ascii: "{"))
        key.withUTF8Buffer { append($0) }
        try value.writeJSON(to: &self)
    }

    /// As ``member(_:_:)``, writing nothing at all when `value` is `nil` (as `encodeIfPresent` does).
    @inlinable public mutating func member(_ key: StaticString, _ value: (some JSONWritable)?) throws {
        guard let value else { return }
        try member(key, value)
    }

    /// Writes an array of `elements`.
    @inlinable public mutating func array(_ elements: [some JSONWritable]) throws {
        append(UInt8(ascii: "["))
        for (index, element) in elements.enumerated() {
            if index > 0 { append(UInt8(ascii: ",")) }
            try element.writeJSON(to: &self)
        }
        append(UInt8(ascii: "]"))
    }

    /// Writes one member whose value is a dictionary keyed by text: an object, its keys in the
    /// order of their UTF-8 bytes, as `JSONEncoder` with sorted keys writes it.
    public mutating func member(_ key: StaticString, _ members: [String: some JSONWritable]) throws {
        separate(after: UInt8(ascii: "{"))
        key.withUTF8Buffer { append($0) }
        // Most of the services' maps are empty (no open escalation, no change under decision).
        guard !members.isEmpty else { return append(UInt8(ascii: "{"), UInt8(ascii: "}")) }
        try object(members.map { ($0.key, $0.value) })
    }

    /// Writes one member whose value is an `Int`-keyed dictionary: an object keyed by each whole
    /// number's digits, in the order of those digits' bytes (`"10"` before `"9"`), as
    /// `JSONEncoder` with sorted keys writes it.
    public mutating func member(_ key: StaticString, _ members: [Int: some JSONWritable]) throws {
        separate(after: UInt8(ascii: "{"))
        key.withUTF8Buffer { append($0) }
        guard !members.isEmpty else { return append(UInt8(ascii: "{"), UInt8(ascii: "}")) }
        try object(members.map { (String($0.key), $0.value) })
    }

    /// Writes `members` as an object, in the order of their keys' UTF-8 bytes.
    private mutating func object<Value: JSONWritable>(_ members: [(key: String, value: Value)]) throws {
        beginObject()
        for (index, member) in members.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }).enumerated() {
            if index > 0 { append(UInt8(ascii: ",")) }
            string(member.key)
            append(UInt8(ascii: ":"))
            try member.value.writeJSON(to: &self)
        }
        endObject()
    }

    /// Writes `text` as a JSON string.
    public mutating func string(_ text: String) {
        append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            var mark = 0
            for index in utf8.indices {
                let byte = utf8[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                append(UnsafeBufferPointer(rebasing: utf8[mark..<index]))
                mark = index + 1
                append(UInt8(ascii: "\\"))
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): append(byte)
                case 0x08: append(UInt8(ascii: "b"))
                case 0x0C: append(UInt8(ascii: "f"))
                case 0x0A: append(UInt8(ascii: "n"))
                case 0x0D: append(UInt8(ascii: "r"))
                case 0x09: append(UInt8(ascii: "t"))
                default:
                    append(UInt8(ascii: "u"))
                    append(UInt8(ascii: "0"), times: 2)
                    append(Self.hexDigit(byte >> 4), Self.hexDigit(byte & 0x0F))
                }
            }
            append(UnsafeBufferPointer(rebasing: utf8[mark...]))
        }
        append(UInt8(ascii: "\""))
    }

    /// Writes `ascii` as a JSON string; the caller vouches that it holds no byte that needs
    /// escaping (a date's digits and dashes).
    public mutating func quoted(ascii: UnsafeBufferPointer<UInt8>) {
        append(UInt8(ascii: "\""))
        append(ascii)
        append(UInt8(ascii: "\""))
    }

    /// Writes the number `significand` × 10^`exponent` (negated when `isNegative`) as
    /// `Decimal.digits` writes it: every digit of the significand, trailing zeros included
    /// (`123.40`), `0` for zero, no exponent. Straight into the bytes, without a `String` (a
    /// health record has a dozen amounts).
    public mutating func decimal(significand: UInt64, exponent: Int, isNegative: Bool) {
        guard significand != 0 else {
            append(UInt8(ascii: "0"))
            return
        }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { buffer in
            var start = buffer.count
            var rest = significand
            while rest > 0 {
                start -= 1
                buffer[start] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
            }
            let whole = UnsafeBufferPointer(rebasing: buffer[start...])
            if isNegative { append(UInt8(ascii: "-")) }
            if exponent >= 0 {
                append(whole)
                append(UInt8(ascii: "0"), times: exponent)
            } else if -exponent < whole.count {
                let point = whole.count + exponent
                append(UnsafeBufferPointer(rebasing: whole[..<point]))
                append(UInt8(ascii: "."))
                append(UnsafeBufferPointer(rebasing: whole[point...]))
            } else {
                append(UInt8(ascii: "0"))
                append(UInt8(ascii: "."))
                append(UInt8(ascii: "0"), times: -exponent - whole.count)
                append(whole)
            }
        }
    }

    /// Writes text that is already JSON (a number's digits, `true`), unchanged.
    public mutating func raw(_ text: String) {
        var text = text
        text.withUTF8 { append($0) }
    }

    /// Writes bytes that are already JSON (a value another encoder wrote), unchanged.
    public mutating func raw(_ json: [UInt8]) {
        json.withUnsafeBufferPointer { append($0) }
    }

    /// A `,` unless the last byte written is `opening` (the container has no member yet).
    @inlinable mutating func separate(after opening: UInt8) {
        if count > 0, start[count - 1] != opening { append(UInt8(ascii: ",")) }
    }

    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
    }
}

/// A value that writes itself as JSON into a ``JSONOutput``, byte for byte as `JSONEncoder`
/// with ``PMOJSON``'s settings would. Every contract type conforms (generated from the model).
public protocol JSONWritable {
    /// Appends the value's JSON to `output`. Throws ``JSONOutputError`` for a value JSON cannot
    /// carry (a `Double` that is NaN or infinite), as `JSONEncoder` would.
    func writeJSON(to output: inout JSONOutput) throws
}

/// Why a value cannot be written as JSON.
public struct JSONOutputError: Error, CustomStringConvertible {
    /// What the value was.
    public var description: String
}

extension JSONWritable {
    /// The value's JSON bytes.
    public func jsonBytes(capacity: Int = 1024) throws -> [UInt8] {
        var output = JSONOutput(capacity: capacity)
        try writeJSON(to: &output)
        return output.bytes
    }
}

extension JSONWritable where Self: RawRepresentable, RawValue == String {
    /// An enumeration is written as its raw value.
    public func writeJSON(to output: inout JSONOutput) throws {
        output.string(rawValue)
    }
}

extension String: JSONWritable {
    public func writeJSON(to output: inout JSONOutput) throws {
        output.string(self)
    }
}

extension Bool: JSONWritable {
    public func writeJSON(to output: inout JSONOutput) throws {
        output.raw(self ? "true" : "false")
    }
}

extension Int: JSONWritable {
    /// The digits, written straight into the bytes (as `description` gives them).
    public func writeJSON(to output: inout JSONOutput) throws {
        output.decimal(significand: UInt64(magnitude), exponent: 0, isNegative: self < 0)
    }
}

extension Double: JSONWritable {
    /// `description` without a trailing `.0` (`100`, `0.95`, `1e-05`), as `JSONEncoder` writes it.
    public func writeJSON(to output: inout JSONOutput) throws {
        guard isFinite else { throw JSONOutputError(description: "\(self) cannot be written in JSON") }
        var text = description
        if text.hasSuffix(".0") { text.removeLast(2) }
        output.raw(text)
    }
}

extension Decimal: JSONWritable {
    public func writeJSON(to output: inout JSONOutput) throws {
        guard isFinite else { throw JSONOutputError(description: "\(self) cannot be written in JSON") }
        if let (significand, exponent, isNegative) = wholeParts, significand != 0 || !isNegative {
            output.decimal(significand: significand, exponent: exponent, isNegative: isNegative)
        } else {
            output.raw(digits)
        }
    }
}

extension Date: JSONWritable {
    /// RFC 3339, as ``PMOJSON``'s date strategy writes it.
    public func writeJSON(to output: inout JSONOutput) throws {
        output.string(RFC3339.format(self))
    }
}

extension Array: JSONWritable where Element: JSONWritable {
    @inlinable public func writeJSON(to output: inout JSONOutput) throws {
        try output.array(self)
    }
}
