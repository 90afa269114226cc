import Foundation

extension Decimal {
    /// The value of a number written as plain digits (`-21043.48`, `1445000`, `0.9436`: an
    /// optional minus, digits, and at most one point with digits on both sides; no exponent), with
    /// at most 18 digits and not zero; `nil` for anything else, which `Decimal(string:)` must read.
    ///
    /// It holds the very value `Decimal(string:)` gives, down to its storage (a trailing zero of
    /// the fraction is compacted away in both), about ten times faster: every amount of money in
    /// every event is read through it. A zero is left to `Decimal(string:)`, which keeps the
    /// exponent of `0.00`. `DecimalPlainDigitsTests` compares the two byte for byte.
    public static func parsingPlainDigits(_ text: String) -> Decimal? {
        var text = text
        return text.withUTF8 { utf8 -> Decimal? in
            let negative = utf8.first == UInt8(ascii: "-")
            var significand: UInt64 = 0
            var digits = 0, fractionDigits = 0
            var seenPoint = false
            for byte in utf8[(negative ? 1 : 0)...] {
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"):
                    digits += 1
                    guard digits <= 18 else { return nil }
                    significand = significand * 10 + UInt64(byte - UInt8(ascii: "0"))
                    if seenPoint { fractionDigits += 1 }
                case UInt8(ascii: "."):
                    guard !seenPoint, digits > 0 else { return nil }
                    seenPoint = true
                default:
                    return nil
                }
            }
            guard significand != 0, !seenPoint || fractionDigits > 0 else { return nil }
            return Decimal(sign: negative ? .minus : .plus, exponent: -fractionDigits, significand: Decimal(significand))
        }
    }
}
