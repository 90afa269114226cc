import Foundation

extension Decimal {
    /// The nearest `Double`, read from the exact decimal digits (Foundation's own conversion on
    /// Linux can be off in the last digits).
    public var nearestDouble: Double {
        if #available(macOS 15.0, *), let (significand, exponent, isNegative) = wideParts, abs(exponent) <= 38 {
            let magnitude: Double?
            if significand < 1 << 53, (-22...22).contains(exponent) {
                // A significand below 2⁵³ and a power of ten up to 10²² are exact Doubles, so one
                // IEEE multiplication or division of the two gives the nearest Double to their product.
                // (Through UInt64: `Double(_:)` of a UInt128 is the generic conversion, far slower.)
                let exact = Double(UInt64(truncatingIfNeeded: significand))
                magnitude = exponent >= 0 ? exact * Self.powersOfTen[exponent] : exact / Self.powersOfTen[-exponent]
            } else if exponent <= 0 {
                // Longer significands (a quotient's 38 digits): over a power of ten, exactly in binary.
                magnitude = Self.nearestDouble(quotientOf: significand, by: Self.widePowersOfTen[-exponent])
            } else {
                let (product, overflow) = significand.multipliedReportingOverflow(by: Self.widePowersOfTen[exponent])
                magnitude = overflow ? nil : Self.nearestDouble(quotientOf: product, by: 1)
            }
            if let magnitude { return isNegative ? -magnitude : magnitude }
        }
        return Double(digits) ?? Double.nan
    }

    /// 10⁰ … 10²², each exactly a Double.
    private static let powersOfTen: [Double] = (0...22).map { exponent in
        (0..<exponent).reduce(1.0) { value, _ in value * 10 }
    }

    /// The value as a whole-number significand, a power of ten and a sign, when the significand
    /// fits in 64 bits (every amount of money and most quotients of two amounts); `nil` otherwise.
    ///
    /// Foundation's `Decimal` on Linux turns itself into text one digit at a time, dividing its
    /// 128-bit mantissa by ten and appending to a `String` for each (2.5 µs for an amount of
    /// money, 11 µs for a 38-digit quotient, measured here), and that text is how it becomes a
    /// `Double` or JSON. The significand is read from the value's storage (``wideParts``), or,
    /// where that layout does not hold, from its public `significand` and `exponent` with
    /// `NSDecimalNumber`'s exact `uint64Value` (the same digits in about 0.1 µs).
    public var wholeParts: (significand: UInt64, exponent: Int, isNegative: Bool)? {
        if #available(macOS 15.0, *), Self.wideLayoutHolds {
            guard let (significand, exponent, isNegative) = wideParts else { return nil }
            return UInt64(exactly: significand).map { ($0, exponent, isNegative) }
        }
        guard isFinite else { return nil }
        let significand = self.significand
        guard significand <= Self.largestWholeSignificand else { return nil }
        return (NSDecimalNumber(decimal: significand).uint64Value, exponent, isSignMinus)
    }

    /// Exactly `description` (`"-21043.48"`, `"0.05"`, `"1200"`, `"123.40"`: the digits the value
    /// holds, trailing zeros included), written from ``wholeParts`` when it has them.
    public var digits: String {
        guard let (significand, exponent, isNegative) = wholeParts, significand != 0 || !isNegative else {
            return description
        }
        var output = JSONOutput(capacity: 48)
        output.decimal(significand: significand, exponent: exponent, isNegative: isNegative)
        return String(decoding: output.bytes, as: UTF8.self)
    }

    private static let largestWholeSignificand = Decimal(UInt64.max)
}
