import Foundation

extension KeyedDecodingContainer {
    /// Decodes a whole number, reporting a fractional or out-of-range number at this key.
    ///
    /// Foundation's `JSONDecoder` reports a number such as `4.5` decoded as `Int` as invalid JSON
    /// without any coding path; decoding a `Decimal` first keeps the field's path in the error.
    public func decodeWholeNumber(forKey key: Key) throws -> Int {
        let value = try decode(Decimal.self, forKey: key)
        guard let whole = value.wholeNumber else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: self, debugDescription: "\(value) is not a whole number in the range of Int")
        }
        return whole
    }

    /// Decodes an optional whole number; see ``decodeWholeNumber(forKey:)``.
    public func decodeWholeNumberIfPresent(forKey key: Key) throws -> Int? {
        guard let value = try decodeIfPresent(Decimal.self, forKey: key) else { return nil }
        guard let whole = value.wholeNumber else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: self, debugDescription: "\(value) is not a whole number in the range of Int")
        }
        return whole
    }
}

extension Decimal {
    /// The value as an `Int` when it is a whole number in range (`3`, `3.0`, `30e-1`), from its
    /// whole significand and exponent; through decimal rounding when its significand has more
    /// than 64 bits (`3.000000000000000000000`).
    var wholeNumber: Int? {
        guard let (significand, exponent, isNegative) = wholeParts else { return wholeNumberByRounding }
        var magnitude = significand
        if exponent >= 0 {
            for _ in 0..<exponent {
                let (product, overflow) = magnitude.multipliedReportingOverflow(by: 10)
                guard !overflow else { return nil }
                magnitude = product
            }
        } else {
            for _ in 0..<(-exponent) {
                guard magnitude % 10 == 0 else { return nil }
                magnitude /= 10
            }
        }
        if isNegative {
            guard magnitude <= Int.min.magnitude else { return nil }
            return magnitude == Int.min.magnitude ? Int.min : -Int(magnitude)
        }
        return magnitude <= UInt64(Int.max) ? Int(magnitude) : nil
    }

    /// ``wholeNumber`` by rounding to no decimals and comparing.
    var wholeNumberByRounding: Int? {
        let value = self
        var rounded = Decimal()
        var source = value
        NSDecimalRound(&rounded, &source, 0, .plain)
        guard rounded == value, value >= Decimal(Int.min), value <= Decimal(Int.max) else { return nil }
        return NSDecimalNumber(decimal: value).intValue
    }
}
