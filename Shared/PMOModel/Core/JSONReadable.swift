import Foundation

/// A value that reads itself from a ``JSONValue``, giving exactly what `JSONDecoder` with
/// ``PMOJSON``'s settings gives for the same JSON, or `nil` for anything that decoder would
/// reject or that the reader is not sure of. Every contract type conforms (generated from the
/// model): an object's members in one pass, an unknown, missing or mistyped member giving `nil`.
///
/// It is the fast path only: ``PMOEvent/decodeJSON(_:)`` falls back to the `Codable` decoding
/// (through ``RecordDecoder``) whenever it gives `nil`, and that decoding says what is wrong.
public protocol JSONReadable {
    /// The value `json` holds; `nil` when the `Codable` decoding must decide.
    init?(json: JSONValue)
}

extension JSONReadable where Self: RawRepresentable, RawValue == String {
    /// An enumeration from its raw value.
    public init?(json: JSONValue) {
        guard case .string(let text) = json else { return nil }
        self.init(rawValue: text)
    }
}

extension String: JSONReadable {
    public init?(json: JSONValue) {
        guard case .string(let text) = json else { return nil }
        self = text
    }
}

extension Bool: JSONReadable {
    public init?(json: JSONValue) {
        guard case .bool(let value) = json else { return nil }
        self = value
    }
}

extension Double: JSONReadable {
    /// Correctly rounded from the digits, as `JSONDecoder` reads them; `nil` beyond `Double`'s range.
    public init?(json: JSONValue) {
        guard case .number(let text) = json, let value = Double(text), value.isFinite else { return nil }
        self = value
    }
}

extension Int: JSONReadable {
    /// A whole number as ``KeyedDecodingContainer/decodeWholeNumber(forKey:)`` reads it (`3.0`
    /// is 3); `nil` for a fraction or a number out of range.
    public init?(json: JSONValue) {
        guard case .number(let text) = json else { return nil }
        if let value = Int(text) {
            self = value
            return
        }
        guard let value = Decimal(json: json)?.wholeNumber else {
            return nil
        }
        self = value
    }
}

extension Decimal: JSONReadable {
    /// The value Foundation's own decimal parser (the one `JSONDecoder` uses) gives for the
    /// digits, down to its storage: plain digits through ``Decimal/parsingPlainDigits(_:)``, any
    /// other number through `Decimal(string:)` itself.
    public init?(json: JSONValue) {
        guard case .number(let text) = json else { return nil }
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
    public init?(json: JSONValue) {
        guard case .string(let text) = json, let date = RFC3339.parse(text) else { return nil }
        self = date
    }
}

extension CalendarDate: JSONReadable {
    /// A `YYYY-MM-DD` date that exists.
    public init?(json: JSONValue) {
        guard case .string(let text) = json, let date = CalendarDate(text) else { return nil }
        self = date
    }
}

extension Array: JSONReadable where Element: JSONReadable {
    public init?(json: JSONValue) {
        guard case .array(let elements) = json else { return nil }
        var values: [Element] = []
        values.reserveCapacity(elements.count)
        for element in elements {
            guard let value = Element(json: element) else { return nil }
            values.append(value)
        }
        self = values
    }
}

extension Money: JSONReadable {
    public init?(json: JSONValue) {
        guard case .object(let members) = json, members.count == 2 else { return nil }
        var amount: Decimal?
        var currency: String?
        for (key, value) in members {
            switch key {
            case "amount": amount = Decimal(json: value)
            case "currency": currency = String(json: value)
            default: return nil
            }
        }
        guard let amount, let currency else { return nil }
        self.init(amount, currency)
    }
}
