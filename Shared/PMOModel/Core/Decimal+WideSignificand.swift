import Foundation

extension Decimal {
    /// The value as a whole 128-bit significand, a power of ten and a sign: exact for every finite
    /// `Decimal` (its significand has at most 38 digits), where ``wholeParts`` stops at 64 bits.
    /// `nil` when not finite, or on a Foundation whose `Decimal` is not laid out as checked below.
    ///
    /// Foundation has no public accessor for the 128-bit mantissa: `significand` is itself a
    /// `Decimal`, and its digits come out only as text (11 µs for a 38-digit quotient on Linux).
    /// The mantissa is read from the value's storage, eight 16-bit words from byte 4 on, least
    /// significant first: the layout of `NSDecimal` that Foundation's `Decimal` keeps. The layout
    /// is checked once against values whose digits are known (``Decimal/wideLayoutHolds``); if it
    /// ever differs, this is `nil` and callers take their text or `Decimal` arithmetic path.
    @available(macOS 15.0, *)
    public var wideParts: (significand: UInt128, exponent: Int, isNegative: Bool)? {
        guard isFinite, Self.wideLayoutHolds else { return nil }
        return (Self.storedMantissa(of: self), exponent, isSignMinus)
    }

    /// The eight mantissa words of `value`'s storage as one number.
    @available(macOS 15.0, *)
    private static func storedMantissa(of value: Decimal) -> UInt128 {
        withUnsafeBytes(of: value) { raw in
            var mantissa: UInt128 = 0
            for word in (0..<8).reversed() {
                let low = UInt128(raw[4 + 2 * word]), high = UInt128(raw[5 + 2 * word])
                mantissa = mantissa << 16 | high << 8 | low
            }
            return mantissa
        }
    }

    /// Whether this Foundation's `Decimal` holds its mantissa where ``wideParts`` reads it:
    /// checked on values that use every word, the top one, none, and a negative one.
    @available(macOS 15.0, *)
    static let wideLayoutHolds: Bool = {
        guard MemoryLayout<Decimal>.size == 20 else { return false }
        let samples: [(String, UInt128, Int)] = [
            ("340282366920938463463374607431768211455", .max, 0),
            ("373043.478260869565217391304347826087", 373_043_478_260_869_565_217_391_304_347_826_087, -30),
            ("-21043.48", 2_104_348, -2),
            ("0", 0, 0),
        ]
        return samples.allSatisfy { text, mantissa, exponent in
            guard let value = Decimal(string: text) else { return false }
            return storedMantissa(of: value) == mantissa && value.exponent == exponent
        }
    }()

    /// `significand × 10^exponent` held as Foundation's arithmetic holds a result it made: the
    /// significand's trailing zeros moved into the exponent, the value marked compact, the
    /// mantissa's unused words zero (`NSDecimalCompact`). Written into the value's storage, the
    /// layout ``wideParts`` reads, since Foundation has no public initialiser for a significand
    /// wider than 64 bits; checked once against results of Foundation's own arithmetic
    /// (``Decimal/compactLayoutHolds``). `nil` for a zero significand (Foundation's arithmetic
    /// makes its zeros in more than one way), for an exponent outside −128…127 once the trailing
    /// zeros are moved, or when the layout is not as checked.
    @available(macOS 15.0, *)
    public init?(compactSignificand significand: UInt128, exponent: Int, isNegative: Bool) {
        guard significand != 0, Self.compactLayoutHolds else { return nil }
        self.init(unchecked: significand, exponent: exponent, isNegative: isNegative)
    }

    @available(macOS 15.0, *)
    private init?(unchecked significand: UInt128, exponent: Int, isNegative: Bool) {
        var significand = significand
        var exponent = exponent
        while true {
            let (quotient, remainder) = significand.quotientAndRemainder(dividingBy: 10)
            guard remainder == 0 else { break }
            significand = quotient
            exponent += 1
        }
        guard (-128...127).contains(exponent) else { return nil }
        let words = (UInt128.bitWidth - significand.leadingZeroBitCount + 15) / 16
        var value = Decimal()
        withUnsafeMutableBytes(of: &value) { raw in
            raw[0] = UInt8(bitPattern: Int8(exponent))
            // The length in the high nibble, then the sign and the compact flag.
            raw[1] = UInt8(words) << 4 | (isNegative ? 0b1000 : 0) | 0b100
            for word in 0..<8 {
                let bits = UInt16(truncatingIfNeeded: significand >> (16 * word))
                raw[4 + 2 * word] = UInt8(truncatingIfNeeded: bits)
                raw[5 + 2 * word] = UInt8(truncatingIfNeeded: bits >> 8)
            }
        }
        self = value
    }

    /// Whether ``init(compactSignificand:exponent:isNegative:)`` writes what Foundation's
    /// arithmetic makes, byte for byte: checked on results that use every mantissa word, one
    /// word, trailing zeros and a negative sign.
    @available(macOS 15.0, *)
    static let compactLayoutHolds: Bool = {
        guard wideLayoutHolds else { return false }
        let samples: [Decimal] = [Decimal(1) / Decimal(3), Decimal(-2) / Decimal(3), Decimal(12_345) * Decimal(1_000),
                                  Decimal(7) * Decimal(-1), Decimal(string: "373043.47826")! * Decimal(string: "-1.5")!]
        return samples.allSatisfy { sample in
            guard let (significand, exponent, isNegative) = sample.wideParts,
                  let written = Decimal(unchecked: significand, exponent: exponent, isNegative: isNegative) else { return false }
            return withUnsafeBytes(of: written) { a in withUnsafeBytes(of: sample) { b in a.elementsEqual(b) } }
        }
    }()

    /// 10⁰ … 10³⁸, every power of ten a `UInt128` holds.
    @available(macOS 15.0, *)
    public static let widePowersOfTen: [UInt128] = (0...38).map { exponent in
        (0..<exponent).reduce(UInt128(1)) { value, _ in value * 10 }
    }

    /// The two 128-bit significands of `a` and `b` (``wideParts``) written with the smaller of
    /// their exponents, when both still fit in 128 bits; `nil` otherwise.
    @available(macOS 15.0, *)
    public static func commonScale(_ a: (significand: UInt128, exponent: Int, isNegative: Bool),
                                   _ b: (significand: UInt128, exponent: Int, isNegative: Bool)) -> (UInt128, UInt128)? {
        func scaled(_ value: UInt128, by places: Int) -> UInt128? {
            guard places <= 38 else { return value == 0 ? 0 : nil }
            let (product, overflow) = value.multipliedReportingOverflow(by: widePowersOfTen[places])
            return overflow ? nil : product
        }
        let exponent = min(a.exponent, b.exponent)
        guard let x = scaled(a.significand, by: a.exponent - exponent),
              let y = scaled(b.significand, by: b.exponent - exponent) else { return nil }
        return (x, y)
    }

    /// `numerator / denominator` rounded once to the nearest `Double` (ties to even), both whole
    /// and the denominator not zero: by long division in binary, 64 bits of quotient and whether
    /// anything remains, so it is exact for any two 128-bit numbers.
    @available(macOS 15.0, *)
    public static func nearestDouble(quotientOf numerator: UInt128, by denominator: UInt128) -> Double {
        precondition(denominator != 0, "division by zero")
        guard numerator != 0 else { return 0 }
        // Both shifted so that their top bit is bit 127: n/d = N/D × 2^(shiftD − shiftN), N/D in (1/2, 2).
        let numeratorShift = numerator.leadingZeroBitCount
        let denominatorShift = denominator.leadingZeroBitCount
        let divisor = denominator << denominatorShift
        var remainder = numerator << numeratorShift
        // The bit a doubling shifts out of the remainder: when set, the remainder is above 2¹²⁸,
        // so above the divisor, and the wrapping subtraction gives the true (smaller) remainder.
        var carry = false
        var quotient: UInt64 = 0
        for _ in 0..<64 {
            quotient <<= 1
            if carry || remainder >= divisor {
                remainder &-= divisor
                quotient |= 1
            }
            carry = remainder >> 127 != 0
            remainder <<= 1
        }
        // quotient = ⌊N/D × 2⁶³⌋, 63 or 64 significant bits: its lowest bit lies below a Double's
        // 53, so setting it when something remains breaks an exact tie the right way.
        if carry || remainder != 0 { quotient |= 1 }
        return Double(sign: .plus, exponent: denominatorShift - numeratorShift - 63, significand: Double(quotient))
    }
}
