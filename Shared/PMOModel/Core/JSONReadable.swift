import Foundation

/// A value that reads itself from a ``JSONReader``, giving exactly what `JSONDecoder` with
/// ``PMOJSON``'s settings gives for the same JSON, or `nil` for anything that decoder would
/// reject or that the reader is not sure of. Every contract type conforms (generated from the
/// model): an object's members in one pass straight from the bytes, with no tree in between; an
/// unknown, repeated, missing or mistyped member gives `nil`.
///
/// It is the fast path only: ``PMOEvent/decodeJSON(_:)`` falls back to the `Codable` decoding
/// (through ``RecordDecoder``) whenever it gives `nil`, and that decoding says what is wrong.
public protocol JSONReadable {
    /// Reads the value that comes next in `reader` and moves past it; `nil` when the `Codable`
    /// decoding must decide (the reader is then left anywhere).
    init?(reading reader: inout JSONReader)
}

extension JSONReadable {
    /// The value of a whole document (white space around it aside); `nil` when the `Codable`
    /// decoding must decide.
    public init?(jsonBytes bytes: some Collection<UInt8>) {
        guard let value = JSONReader.read(bytes, { Self(reading: &$0) }) else { return nil }
        self = value
    }
}

extension JSONReadable where Self: RawRepresentable, RawValue == String {
    /// An enumeration from its raw value.
    public init?(reading reader: inout JSONReader) {
        guard let text = reader.readString() else { return nil }
        self.init(rawValue: text)
    }
}

extension String: JSONReadable {
    public init?(reading reader: inout JSONReader) {
        guard let text = reader.readString() else { return nil }
        self = text
    }

    /// The string `json` holds.
    public init?(json: JSONValue) {
        guard case .string(let text) = json else { return nil }
        self = text
    }
}

extension Bool: JSONReadable {
    public init?(reading reader: inout JSONReader) {
        guard let value = reader.readBool() else { return nil }
        self = value
    }
}

/// A number type read from its digits as written (`-21043.48`, `1e-5`): from a reader, from a
/// tree, or from the text itself, all the same way.
public protocol JSONNumberReadable: JSONReadable {
    /// The value `text` (a number of JSON's grammar) stands for, as `JSONDecoder` reads it;
    /// `nil` when it cannot be this type.
    init?(jsonNumber text: String)
}

extension JSONNumberReadable {
    public init?(reading reader: inout JSONReader) {
        guard let text = reader.readNumber() else { return nil }
        self.init(jsonNumber: text)
    }

    /// The number `json` holds, as ``init(jsonNumber:)`` reads it.
    public init?(json: JSONValue) {
        guard case .number(let text) = json else { return nil }
        self.init(jsonNumber: text)
    }
}

extension Double: JSONNumberReadable {
    /// Correctly rounded from the digits, as `JSONDecoder` reads them; `nil` beyond `Double`'s range.
    public init?(jsonNumber text: String) {
        guard let value = Double(text), value.isFinite else { return nil }
        self = value
    }
}

extension Int: JSONNumberReadable {
    /// A whole number as ``KeyedDecodingContainer/decodeWholeNumber(forKey:)`` reads it (`3.0`
    /// is 3); `nil` for a fraction or a number out of range.
    public init?(jsonNumber text: String) {
        if let value = Int(text) {
            self = value
            return
        }
        guard let value = Decimal(jsonNumber: text)?.wholeNumber else {
            return nil
        }
        self = value
    }
}

extension Decimal: JSONNumberReadable {
    /// The value Foundation's own decimal parser (the one `JSONDecoder` uses) gives for the
    /// digits, down to its storage: plain digits through ``Decimal/parsingPlainDigits(_:)``, any
    /// other number through `Decimal(string:)` itself.
    public init?(jsonNumber text: String) {
        if let value = Decimal.parsingPlainDigits(text) {
            self = value
            return
        }
        guard let value = Decimal(string: text), value.isFinite else { return nil }
        self = value
    }
}

extension Date: JSONReadable {
    /// An RFC 3339 instant, as ``PMOJSON``'s date strategy reads it.
    public init?(reading reader: inout JSONReader) {
        guard let text = reader.readString(), let date = RFC3339.parse(text) else { return nil }
        self = date
    }
}

extension CalendarDate: JSONReadable {
    /// A `YYYY-MM-DD` date that exists.
    public init?(reading reader: inout JSONReader) {
        guard let text = reader.readString(), let date = CalendarDate(text) else { return nil }
        self = date
    }
}

extension Array: JSONReadable where Element: JSONReadable {
    public init?(reading reader: inout JSONReader) {
        guard reader.beginArray() else { return nil }
        var values: [Element] = []
        while true {
            switch reader.nextElement(first: values.isEmpty) {
            case .some(false):
                self = values
                return
            case .none:
                return nil
            case .some(true):
                guard let value = Element(reading: &reader) else { return nil }
                values.append(value)
            }
        }
    }
}

extension Money: JSONReadable {
    public init?(reading reader: inout JSONReader) {
        guard reader.beginObject() else { return nil }
        var amount: Decimal?
        var currency: String?
        var first = true
        while true {
            switch reader.nextKey(first: first) {
            case .end:
                guard let amount, let currency else { return nil }
                self.init(amount, currency)
                return
            case .invalid:
                return nil
            case .name("amount"):
                guard amount == nil, let value = Decimal(reading: &reader) else { return nil }
                amount = value
            case .name("currency"):
                guard currency == nil, let value = String(reading: &reader) else { return nil }
                currency = value
            case .name:
                return nil
            }
            first = false
        }
    }
}
