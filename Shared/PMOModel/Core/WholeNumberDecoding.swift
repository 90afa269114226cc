import Foundation

extension KeyedDecodingContainer {
    /// Decodes a whole number, reporting a fractional or out-of-range number at this key.
    ///
    /// Foundation's `JSONDecoder` reports a number such as `4.5` decoded as `Int` as invalid JSON
    /// without any coding path; decoding a `Decimal` first keeps the field's path in the error.
    public func decodeWholeNumber(forKey key: Key) throws -> Int {
        let value = try decode(Decimal.self, forKey: key)
        guard let whole = Self.wholeNumber(value) else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: self, debugDescription: "\(value) is not a whole number in the range of Int")
        }
        return whole
    }

    /// Decodes an optional whole number; see ``decodeWholeNumber(forKey:)``.
    public func decodeWholeNumberIfPresent(forKey key: Key) throws -> Int? {
        guard let value = try decodeIfPresent(Decimal.self, forKey: key) else { return nil }
        guard let whole = Self.wholeNumber(value) else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: self, debugDescription: "\(value) is not a whole number in the range of Int")
        }
        return whole
    }

    private static func wholeNumber(_ value: Decimal) -> Int? {
        var rounded = Decimal()
        var source = value
        NSDecimalRound(&rounded, &source, 0, .plain)
        guard rounded == value, value >= Decimal(Int.min), value <= Decimal(Int.max) else { return nil }
        return NSDecimalNumber(decimal: value).intValue
    }
}
