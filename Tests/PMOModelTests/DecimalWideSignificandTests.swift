import Foundation
import Testing
@testable import PMOModel

/// `Decimal.wideParts` reads a value's whole 128-bit significand, and
/// `Decimal.nearestDouble(quotientOf:by:)` divides two of them to the nearest `Double`.
@Suite struct DecimalWideSignificandTests {
    /// Values with every length of significand, up to 38 digits, both signs, many exponents.
    private func samples(_ count: Int) -> [Decimal] {
        var generator = SystemRandomNumberGenerator()
        var values: [Decimal] = ["0", "-0.5", "1200", "-21043.48", "373043.478260869565217391304347826087",
                                 "18446744073709551616", "340282366920938463463374607431768211455"].map { Decimal(string: $0)! }
        for _ in 0..<count {
            let length = Int.random(in: 1...38, using: &generator)
            var digits = String(Int.random(in: 1...9, using: &generator))
            for _ in 1..<length { digits += String(Int.random(in: 0...9, using: &generator)) }
            let sign = Bool.random(using: &generator) ? "-" : ""
            values.append(Decimal(string: "\(sign)\(digits)e\(Int.random(in: -40...20, using: &generator))")!)
            let amount = Decimal(Int.random(in: -100_000_000...100_000_000, using: &generator)) / 100
            values.append(amount / Decimal(Int.random(in: 1...400, using: &generator)))
        }
        return values
    }

    @Test func theLayoutItReadsHoldsOnThisFoundation() {
        // Without it every caller takes its slow path, and the tests below would prove nothing.
        #expect(Decimal.wideLayoutHolds)
    }

    @Test func theWidePartsAreTheValue() throws {
        let differing = try samples(20_000).filter { value in
            let parts = try #require(value.wideParts)
            let rebuilt = Decimal(sign: parts.isNegative ? .minus : .plus, exponent: parts.exponent,
                                  significand: Decimal(string: String(parts.significand))!)
            return rebuilt != value || parts.exponent != value.exponent
                || value.wholeParts.map { UInt128($0.significand) != parts.significand } == true
        }
        #expect(differing.isEmpty, "first of \(differing.count): \(differing.prefix(5))")
        #expect(Decimal.nan.wideParts == nil)
    }

    @Test func theNearestDoubleOfEveryValueIsTheOneItsDigitsGive() {
        let differing = samples(20_000).filter { $0.nearestDouble.bitPattern != (Double($0.description) ?? .nan).bitPattern }
        #expect(differing.isEmpty, "first of \(differing.count): \(differing.prefix(5))")
    }

    @Test func aQuotientOfNumbersBelow2To53IsTheIEEEQuotient() {
        var generator = SystemRandomNumberGenerator()
        var differing: [(UInt64, UInt64)] = []
        for _ in 0..<50_000 {
            let n = UInt64.random(in: 0..<(1 << 53) >> UInt64.random(in: 0...52, using: &generator), using: &generator)
            let d = UInt64.random(in: 1..<(1 << 53) >> UInt64.random(in: 0...52, using: &generator), using: &generator)
            if Decimal.nearestDouble(quotientOf: UInt128(n), by: UInt128(d)).bitPattern != (Double(n) / Double(d)).bitPattern {
                differing.append((n, d))
            }
        }
        #expect(differing.isEmpty, "first of \(differing.count): \(differing.prefix(5))")
    }

    @Test func aQuotientByAPowerOfTenIsTheDoubleItsDigitsGive() {
        // Swift reads decimal text to the correctly rounded Double: the reference for 128-bit
        // significands over 10ᵏ.
        var generator = SystemRandomNumberGenerator()
        var differing: [(UInt128, Int)] = []
        for _ in 0..<50_000 {
            let n = UInt128(generator.next() as UInt64) << 64 | UInt128(generator.next() as UInt64)
            let significand = n >> UInt128(Int.random(in: 0...127, using: &generator))
            let places = Int.random(in: 0...38, using: &generator)
            let quotient = Decimal.nearestDouble(quotientOf: significand, by: Decimal.widePowersOfTen[places])
            if quotient.bitPattern != Double("\(significand)e-\(places)")!.bitPattern {
                differing.append((significand, places))
            }
        }
        #expect(differing.isEmpty, "first of \(differing.count): \(differing.prefix(5))")
    }

    @Test func exactTiesGoToEvenAndAnythingAboveATieGoesUp() {
        let twoTo53 = UInt128(1) << 53
        // 2⁵³ + 1 lies halfway between 2⁵³ and 2⁵³ + 2: to the even one, 2⁵³.
        #expect(Decimal.nearestDouble(quotientOf: twoTo53 + 1, by: 1) == 9_007_199_254_740_992)
        // 2⁵³ + 3 lies halfway between 2⁵³ + 2 and 2⁵³ + 4: to the even one, 2⁵³ + 4.
        #expect(Decimal.nearestDouble(quotientOf: twoTo53 + 3, by: 1) == 9_007_199_254_740_996)
        // Just above the first tie, by 2⁻⁷⁰: up, although the 64 bits of quotient alone show a tie.
        #expect(Decimal.nearestDouble(quotientOf: (twoTo53 + 1) << 70 + 1, by: UInt128(1) << 70) == 9_007_199_254_740_994)
        // Just below it: down.
        #expect(Decimal.nearestDouble(quotientOf: (twoTo53 + 1) << 70 - 1, by: UInt128(1) << 70) == 9_007_199_254_740_992)
        // Operands with their top bit set.
        #expect(Decimal.nearestDouble(quotientOf: .max, by: .max) == 1)
        #expect(Decimal.nearestDouble(quotientOf: .max, by: 1) == 0x1p128)
        #expect(Decimal.nearestDouble(quotientOf: 1, by: .max) == 0x1p-128)
        #expect(Decimal.nearestDouble(quotientOf: 0, by: 7) == 0)
        #expect(Decimal.nearestDouble(quotientOf: 1, by: 3) == 1.0 / 3.0)
    }
}
