import Foundation
import Testing
@testable import PMOModel

/// `Decimal.digits` is a fast `Decimal.description`: the same text for every value.
@Suite struct DecimalDigitsTests {
    @Test func theDigitsAreTheDescriptionOfEveryValue() {
        let values = Self.values()
        let differing = values.filter { $0.digits != $0.description }
        #expect(differing.isEmpty, "first of \(differing.count): \(differing.prefix(5).map { "\($0.digits) ≠ \($0.description)" })")
    }

    /// `JSONOutput` writes a value's digits straight into its bytes: its description.
    @Test func theJSONOfEveryValueIsItsDescription() throws {
        let values = Self.values()
        let differing = try values.filter { String(decoding: try $0.jsonBytes(), as: UTF8.self) != $0.description }
        #expect(differing.isEmpty, "first of \(differing.count): \(differing.prefix(5).map(\.description))")
    }

    /// Chosen values, random significands and powers of ten, and amounts of money with their
    /// quotients.
    static func values() -> [Decimal] {
        var values: [Decimal] = ["0", "-0.5", "0.05", "1200", "123.40", "-21043.48", "373043.478260869565217391304347826087",
                                 "99999999999999999999", "18446744073709551615", "18446744073709551616", "0.000001"]
            .map { Decimal(string: $0)! }
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let significand = Decimal(UInt64.random(in: 0...UInt64.max >> UInt64.random(in: 0...63, using: &generator),
                                                    using: &generator))
            let exponent = Int.random(in: -40...20, using: &generator)
            values.append(Decimal(sign: Bool.random(using: &generator) ? .minus : .plus, exponent: exponent,
                                  significand: significand))
        }
        for cents in stride(from: -1_000_000, through: 1_000_000, by: 9_973) {
            let amount = Decimal(cents) / 100
            values += [amount, amount / 3, amount * 7 / 12, amount - 0.005]
        }
        return values
    }

    @Test func aSignificandOver64BitsHasNoWholeParts() throws {
        #expect(Decimal(string: "18446744073709551615")!.wholeParts?.significand == UInt64.max)
        #expect(Decimal(string: "18446744073709551616")!.wholeParts == nil)
        let parts = try #require(Decimal(string: "-21043.48")!.wholeParts)
        #expect(parts.significand == 2_104_348 && parts.exponent == -2 && parts.isNegative)
        #expect(Decimal.nan.wholeParts == nil)
    }

    @Test func wholeNumbersAreReadAsRoundingReadsThem() {
        var values: [Decimal] = ["3", "3.0", "30e-1", "-7", "4.5", "-0.5", "9223372036854775807", "9223372036854775808",
                                 "-9223372036854775808", "-9223372036854775809", "1e19", "3.000000000000000000000000"]
            .map { Decimal(string: $0)! }
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let significand = Decimal(UInt64.random(in: 0...UInt64.max >> UInt64.random(in: 0...63, using: &generator),
                                                    using: &generator))
            values.append(Decimal(sign: Bool.random(using: &generator) ? .minus : .plus,
                                  exponent: Int.random(in: -6...6, using: &generator), significand: significand))
        }
        let differing = values.filter {
            $0.wholeNumber != $0.wholeNumberByRounding
        }
        #expect(differing.isEmpty, "first of \(differing.count): \(differing.prefix(5))")
        #expect(Decimal(string: "30e-1")!.wholeNumber == 3)
        #expect(Decimal(string: "4.5")!.wholeNumber == nil)
    }
}
