import Foundation

extension Decimal {
    /// `numerator / denominator` as the Double nearest to the exact quotient; `nil` when the
    /// denominator is 0. Both significands are written with the same power of ten (128 bits,
    /// ``Decimal/wideParts``): when both are below 2⁵³ (amounts of money are), one IEEE division
    /// of the two exact Doubles gives it; otherwise (a planned value read between two points of the
    /// curve has 38 digits) a long division in binary, ``Decimal/nearestDouble(quotientOf:by:)``.
    /// Only when they do not fit in 128 bits so written, through the decimal quotient, rounded to
    /// 38 digits first.
    static func nearestQuotient(_ numerator: Decimal, _ denominator: Decimal) -> Double? {
        guard denominator != 0 else { return nil }
        if #available(macOS 15.0, *), let top = numerator.wideParts, let bottom = denominator.wideParts,
           let (n, d) = commonScale(top, bottom) {
            // Through UInt64: `Double(_:)` of a UInt128 is the standard library's generic conversion.
            let quotient = n < 1 << 53 && d < 1 << 53 ? Double(UInt64(truncatingIfNeeded: n)) / Double(UInt64(truncatingIfNeeded: d))
                                                      : nearestDouble(quotientOf: n, by: d)
            return top.isNegative != bottom.isNegative && quotient != 0 ? -quotient : quotient
        }
        return (numerator / denominator).nearestDouble
    }

    /// The exact decimal value of `value` as Swift prints it (its shortest round-tripping digits:
    /// 12.3, not 12.300000000000000710542735760100185871124267578125); `nil` when not finite.
    init?(shortest value: Double) {
        guard value.isFinite else { return nil }
        let text = "\(value)"
        if let (significand, exponent, isNegative) = Self.parts(ofShortest: text) {
            self.init(sign: isNegative ? .minus : .plus, exponent: exponent, significand: Decimal(significand))
        } else {
            self.init(string: text)
        }
    }

    /// The digits of a `Double`'s description (`-0.9436`, `100.0`, `1e-05`, `1.5e+20`) as a whole
    /// significand and a power of ten, read directly: Foundation's `Decimal(string:)` takes about
    /// ten times as long. `nil` for anything else, or a power of ten beyond ±100 (the caller
    /// parses those with Foundation).
    static func parts(ofShortest text: String) -> (significand: UInt64, exponent: Int, isNegative: Bool)? {
        var significand: UInt64 = 0
        var exponent = 0
        var isNegative = false
        var digits = 0
        var afterPoint = false
        var utf8 = text.utf8[...]
        if utf8.first == UInt8(ascii: "-") {
            isNegative = true
            utf8 = utf8.dropFirst()
        }
        while let byte = utf8.first {
            if byte == UInt8(ascii: ".") {
                guard !afterPoint else { return nil }
                afterPoint = true
            } else if (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
                guard digits < 19 else { return nil }
                significand = significand * 10 + UInt64(byte - UInt8(ascii: "0"))
                if significand > 0 { digits += 1 }
                if afterPoint { exponent -= 1 }
            } else {
                break
            }
            utf8 = utf8.dropFirst()
        }
        if let marker = utf8.first {
            guard marker == UInt8(ascii: "e"), let power = Int(Substring(utf8.dropFirst())) else { return nil }
            exponent += power
        }
        // Decimal's exponent stops at ±127; far from it, Foundation's parser decides.
        guard (-100...100).contains(exponent) else { return nil }
        return (significand, exponent, isNegative)
    }

    /// This value rounded to `places` decimals, halves away from zero.
    ///
    /// The same value, held the same way, as `NSDecimalRound` gives (a test compares their bytes):
    /// when digits are dropped and the result is a non-zero whole number of at most 64 bits, by
    /// one 128-bit division of the significand; otherwise by `NSDecimalRound`, which on Linux
    /// takes several microseconds for a 38-digit value.
    func rounded(_ places: Int) -> Decimal {
        if #available(macOS 15.0, *), let (significand, exponent, isNegative) = wideParts,
           exponent < -places, -places - exponent <= 38 {
            let divisor = Self.widePowersOfTen[-places - exponent]
            var (quotient, remainder) = significand.quotientAndRemainder(dividingBy: divisor)
            if remainder >= divisor - remainder { quotient += 1 }
            if quotient != 0, let whole = UInt64(exactly: quotient) {
                return Decimal(sign: isNegative ? .minus : .plus, exponent: -places, significand: Decimal(whole))
            }
        }
        var value = self
        var result = Decimal()
        NSDecimalRound(&result, &value, places, .plain)
        return result
    }
}

extension Decimal {
    /// `self + other`: the value Foundation's `+` gives, held the same way (a test compares their
    /// bytes), by one 128-bit addition when both significands, written with the same power of ten,
    /// fit in 128 bits and so does their sum (amounts of money and planned values do); otherwise by
    /// Foundation's `+`, whose variable-length arithmetic takes about a microsecond on Linux.
    func adding(_ other: Decimal) -> Decimal {
        if #available(macOS 15.0, *), let sum = Self.wideSum(self, other, negatingOther: false) { return sum }
        return self + other
    }

    /// `self - other`, as Foundation's `-` gives it (see ``adding(_:)``).
    func subtracting(_ other: Decimal) -> Decimal {
        if #available(macOS 15.0, *), let difference = Self.wideSum(self, other, negatingOther: true) { return difference }
        return self - other
    }

    /// `self × other`, as Foundation's `*` gives it, by one 128-bit multiplication when the
    /// product of the significands fits in 128 bits; otherwise by Foundation's `*`.
    func multiplied(by other: Decimal) -> Decimal {
        if #available(macOS 15.0, *), let x = wideParts, let y = other.wideParts {
            let (product, overflow) = x.significand.multipliedReportingOverflow(by: y.significand)
            if !overflow, let result = Self.heldAsFoundationHolds(product, exponent: x.exponent + y.exponent,
                                                                  isNegative: x.isNegative != y.isNegative) {
                return result
            }
        }
        return self * other
    }

    /// `self / other`, as Foundation's `/` gives it, byte for byte (a test compares them), when
    /// the divisor's significand fits in 64 bits and the exponents differ by less than 19; otherwise
    /// by Foundation's `/`, whose variable-length long division takes a few microseconds on Linux.
    ///
    /// Foundation (6.x) divides as follows, and so does this: the dividend's significand times
    /// 10³⁸, divided by the divisor's and truncated; the quotient cut to 128 bits by dropping as
    /// few digits as it takes, truncating (Foundation drops four at a time while it is wider than
    /// 144 bits, then one at a time, which drops the same number); the exponent `e(a) − e(b) − 38`
    /// plus the digits dropped; the trailing zeros then moved into the exponent. Here the 256-bit
    /// dividend is four 64-bit words, divided word by word.
    func divided(by other: Decimal) -> Decimal {
        if #available(macOS 15.0, *), let quotient = Self.wideQuotient(self, other) { return quotient }
        return self / other
    }

    /// ``divided(by:)``'s quotient; `nil` when Foundation's `/` must give it.
    @available(macOS 15.0, *)
    static func wideQuotient(_ a: Decimal, _ b: Decimal) -> Decimal? {
        guard let x = a.wideParts, let y = b.wideParts, x.significand != 0,
              let divisor = UInt64(exactly: y.significand), divisor != 0,
              x.exponent - y.exponent < 19 else { return nil }
        let (high, low) = x.significand.multipliedFullWidth(by: widePowersOfTen[38])
        var quotient = FourWords(high: high, low: low)
        quotient.divide(by: divisor)
        var dropped = 0
        while quotient.isWiderThan(bits: 144) {
            quotient.divide(by: 10_000)
            dropped += 4
        }
        while quotient.isWiderThan(bits: 128) {
            quotient.divide(by: 10)
            dropped += 1
        }
        let exponent = x.exponent - y.exponent - 38 + dropped
        guard quotient.value != 0, (-128...127).contains(exponent) else { return nil }
        return Decimal(compactSignificand: quotient.value, exponent: exponent, isNegative: x.isNegative != y.isNegative)
    }

    /// A whole number of up to 256 bits as four 64-bit words, most significant first.
    private struct FourWords {
        var words: (UInt64, UInt64, UInt64, UInt64)

        @available(macOS 15.0, *)
        init(high: UInt128, low: UInt128) {
            words = (UInt64(truncatingIfNeeded: high >> 64), UInt64(truncatingIfNeeded: high),
                     UInt64(truncatingIfNeeded: low >> 64), UInt64(truncatingIfNeeded: low))
        }

        /// Divides by `divisor`, truncating.
        mutating func divide(by divisor: UInt64) {
            var remainder: UInt64 = 0
            (words.0, remainder) = divisor.dividingFullWidth((remainder, words.0))
            (words.1, remainder) = divisor.dividingFullWidth((remainder, words.1))
            (words.2, remainder) = divisor.dividingFullWidth((remainder, words.2))
            (words.3, _) = divisor.dividingFullWidth((remainder, words.3))
        }

        /// Whether the number is at least 2^`bits` (`bits` from 128 to 191).
        func isWiderThan(bits: Int) -> Bool {
            words.0 != 0 || words.1 >> (bits - 128) != 0
        }

        /// The number, when it is below 2¹²⁸.
        @available(macOS 15.0, *)
        var value: UInt128 { UInt128(words.2) << 64 | UInt128(words.3) }
    }

    /// `a + b` (or `a − b`) with both significands scaled to the smaller exponent; `nil` when
    /// something does not fit.
    @available(macOS 15.0, *)
    private static func wideSum(_ a: Decimal, _ b: Decimal, negatingOther: Bool) -> Decimal? {
        guard let x = a.wideParts, let y = b.wideParts,
              let (left, right) = commonScale(x, y) else { return nil }
        let exponent = min(x.exponent, y.exponent)
        let rightIsNegative = y.isNegative != negatingOther
        if x.isNegative == rightIsNegative {
            let (sum, overflow) = left.addingReportingOverflow(right)
            return overflow ? nil : heldAsFoundationHolds(sum, exponent: exponent, isNegative: x.isNegative)
        }
        return left >= right
            ? heldAsFoundationHolds(left - right, exponent: exponent, isNegative: x.isNegative)
            : heldAsFoundationHolds(right - left, exponent: exponent, isNegative: rightIsNegative)
    }

    /// `significand × 10^exponent` held as Foundation holds the result of its arithmetic
    /// (``Decimal/init(compactSignificand:exponent:isNegative:)``), zero as `Decimal()`; `nil` for
    /// an exponent Foundation cannot hold.
    @available(macOS 15.0, *)
    private static func heldAsFoundationHolds(_ significand: UInt128, exponent: Int, isNegative: Bool) -> Decimal? {
        guard significand != 0 else { return Decimal() }
        guard (-128...127).contains(exponent) else { return nil }
        return Decimal(compactSignificand: significand, exponent: exponent, isNegative: isNegative)
    }
}
