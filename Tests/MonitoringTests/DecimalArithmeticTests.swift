import Foundation
import Testing
@testable import Monitoring

/// The shortcuts from `Decimal` to `Double` give what the decimal digits give.
@Suite("Decimal to Double")
struct DecimalArithmeticTests {
    /// The nearest Double, read from the decimal digits as `nearestDouble` did before its shortcuts.
    private func throughDigits(_ value: Decimal) -> Double {
        Double(value.description) ?? .nan
    }

    @Test func theNearestDoubleIsTheOneTheDigitsGive() {
        var values: [Decimal] = ["0", "0.1", "-0.3", "373043.478260869565217391304347826087", "9007199254740993",
                                 "1e22", "1e23", "123456789012345678901234567890"].map { Decimal(string: $0)! }
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let significand = Decimal(UInt64.random(in: 0...UInt64.max >> UInt64.random(in: 0...63, using: &generator),
                                                    using: &generator))
            values.append(Decimal(sign: Bool.random(using: &generator) ? .minus : .plus,
                                  exponent: Int.random(in: -30...25, using: &generator), significand: significand))
        }
        let differing = values.filter { $0.nearestDouble.bitPattern != throughDigits($0).bitPattern }
        #expect(differing.isEmpty, "first of \(differing.count): \(differing.prefix(5))")
    }

    @Test func theQuotientOfTwoAmountsIsTheNearestDoubleToTheExactQuotient() throws {
        // Amounts in cents: the shortcut divides the two whole numbers of cents once. The decimal
        // quotient (38 digits) read as a Double is the reference; both must agree on every pair.
        var generator = SystemRandomNumberGenerator()
        var pairs: [(Decimal, Decimal)] = [(352_000, 391_000), (47_498, 50_000), (1, 3), (-2, 3), (0, 5), (95, 100)]
        for _ in 0..<20_000 {
            let numerator = Decimal(Int.random(in: -10_000_000_000...10_000_000_000, using: &generator)) / 100
            let denominator = Decimal(Int.random(in: 1...10_000_000_000, using: &generator)) / 100
            pairs.append((numerator, Bool.random(using: &generator) ? denominator : -denominator))
        }
        let differing = pairs.filter { numerator, denominator in
            Decimal.nearestQuotient(numerator, denominator)?.bitPattern != throughDigits(numerator / denominator).bitPattern
        }
        #expect(differing.count == 0, "first of \(differing.count): \(differing.prefix(5))")
        #expect(Decimal.nearestQuotient(1, 0) == nil)
        #expect(try #require(Decimal.nearestQuotient(0, -5)).sign == .plus)
        #expect(Decimal.nearestQuotient(Decimal(string: "373043.478260869565217391304347826087")!, 400_000)
                == throughDigits(Decimal(string: "373043.478260869565217391304347826087")! / 400_000))
    }
}

extension DecimalArithmeticTests {
    @Test func theShortestDigitsOfADoubleAreReadAsFoundationReadsThem() {
        var values: [Double] = [0, -0.0, 1, 100, 0.9436, -0.5, 1e-5, 0.00005, 1.5e20, 1e22, 123_456_789.125, 0.1 + 0.2,
                                Double.leastNonzeroMagnitude, 5e-324, 1.7976931348623157e308]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            values.append(Double.random(in: -3...3, using: &generator))
            values.append((Double.random(in: 0...2, using: &generator) * 10_000).rounded() / 10_000)
            values.append(Double(bitPattern: generator.next()))
        }
        let differing = values.filter { value in
            guard value.isFinite else { return false }
            let reference = Decimal(string: "\(value)")
            let fast = Decimal(shortest: value)
            return fast != reference || fast?.description != reference?.description
        }
        #expect(differing.isEmpty, "first of \(differing.count): \(differing.prefix(5))")
    }
}

extension DecimalArithmeticTests {
    /// Planned values read between two points of a curve (38 digits), actual costs and other
    /// amounts: the operands the 128-bit shortcut of `nearestQuotient` divides.
    private func wideOperands(_ count: Int) -> [(Decimal, Decimal)] {
        var generator = SystemRandomNumberGenerator()
        var pairs: [(Decimal, Decimal)] = [(Decimal(string: "373043.478260869565217391304347826087")!, Decimal(string: "9078.87")!)]
        for _ in 0..<count {
            let amount = Decimal(Int.random(in: -10_000_000_000...10_000_000_000, using: &generator)) / 100
            let days = Decimal(Int.random(in: 1...800, using: &generator))
            let interpolated = amount * Decimal(Int.random(in: 0...800, using: &generator)) / days
            let other = Decimal(Int.random(in: 1...10_000_000_000, using: &generator)) / 100
            pairs.append(Bool.random(using: &generator) ? (interpolated, other) : (other, interpolated))
        }
        return pairs.filter { $0.1 != 0 }
    }

    @Test func theQuotientOf38DigitOperandsIsTheNearestDoubleToTheDecimalQuotient() {
        // The decimal quotient has 38 digits, the binary one is exact: read as Doubles they agree
        // unless the quotient lies within 10⁻³⁸ of a tie, which these draws never do.
        let differing = wideOperands(20_000).filter { numerator, denominator in
            Decimal.nearestQuotient(numerator, denominator)?.bitPattern != throughDigits(numerator / denominator).bitPattern
        }
        #expect(differing.isEmpty, "first of \(differing.count): \(differing.prefix(5))")
    }

    @Test func roundingGivesWhatNSDecimalRoundGivesByteForByte() {
        var values = wideOperands(10_000).flatMap { [$0.0, $0.1, $0.0 / $0.1] }
        values += ["12.345", "-12.345", "12.995", "0.004", "-0.005", "0.00005", "12.30001", "100", "0.99995"]
            .map { Decimal(string: $0)! }
        var differing: [(Decimal, Int)] = []
        for value in values {
            for places in 0...6 {
                var input = value
                var reference = Decimal()
                NSDecimalRound(&reference, &input, places, .plain)
                let fast = value.rounded(places)
                let same = withUnsafeBytes(of: fast) { a in withUnsafeBytes(of: reference) { b in a.elementsEqual(b) } }
                if !same { differing.append((value, places)) }
            }
        }
        #expect(differing.isEmpty, "first of \(differing.count): \(differing.prefix(5))")
    }

    @Test func quotientsAreFoundationsByteForByte() throws {
        // The divisions of the earned-value code: EAC's BAC × AC / EV, PV's rise / days, the
        // variance percentage's (SV × 100) / PV, EV's product / 100; and quotients of every other
        // shape the operands give, in both directions.
        var generator = SystemRandomNumberGenerator()
        var pairs = arithmeticOperands(10_000).flatMap { [$0, ($0.1, $0.0)] }
        for _ in 0..<10_000 {
            let amount = Decimal(Int.random(in: -10_000_000_000...10_000_000_000, using: &generator)) / 100
            let other = Decimal(Int.random(in: 1...10_000_000_000, using: &generator)) / 100
            pairs.append((amount.multiplied(by: other), amount))
            pairs.append((amount.multiplied(by: Decimal(Int.random(in: 0...800, using: &generator))),
                          Decimal(Int.random(in: 1...800, using: &generator))))
            pairs.append((amount.multiplied(by: 100), other))
            pairs.append((amount, 100))
        }
        pairs += [("1", "3"), ("2", "3"), ("1e-100", "7"), ("1e100", "1e-30"), ("5", "1e-20"), ("1e-120", "1e10"),
                  ("99999999999999999999999999999999999999", "7"), ("1", "99999999999999999999999999999999999999")]
            .map { (Decimal(string: $0.0)!, Decimal(string: $0.1)!) }
        var differing: [String] = []
        var fast = 0
        for (a, b) in pairs where b != 0 {
            if Decimal.wideQuotient(a, b) != nil { fast += 1 }
            if bytes(a.divided(by: b)) != bytes(a / b) { differing.append("\(a) / \(b)") }
        }
        #expect(differing.isEmpty, "first of \(differing.count): \(differing.prefix(5))")
        // The test means something only if most quotients took the integer path.
        #expect(fast > pairs.count * 3 / 4, "\(fast) of \(pairs.count) quotients were computed without Foundation")
        // EAC of the contract's example.
        #expect(try #require(Decimal.wideQuotient(Decimal(800_000).multiplied(by: 391_000), 352_000)).description
                == "888636.36363636363636363636363636363636")
    }
}

extension DecimalArithmeticTests {
    /// The bytes of `value`: the same value held the same way has the same bytes.
    private func bytes(_ value: Decimal) -> [UInt8] {
        withUnsafeBytes(of: value) { Array($0) }
    }

    /// Operands of every shape the earned-value code meets: amounts, planned values read between
    /// two points (38 digits), whole numbers with trailing zeros, zeros of either sign, values
    /// that cancel, and some too wide for the 128-bit path.
    private func arithmeticOperands(_ count: Int) -> [(Decimal, Decimal)] {
        var generator = SystemRandomNumberGenerator()
        var pairs = wideOperands(count)
        let fixed: [(String, String)] = [("352000", "352000"), ("0", "-0"), ("-0", "5"), ("100", "0.01"), ("1e30", "1e-30"),
                                         ("99999999999999999999999999999999999999", "1"), ("1e127", "10"), ("1e-127", "0.1"),
                                         ("373043.478260869565217391304347826087", "-373043.478260869565217391304347826087")]
        pairs += fixed.map { (Decimal(string: $0.0)!, Decimal(string: $0.1)!) }
        for _ in 0..<count {
            let whole = Decimal(Int.random(in: -1_000...1_000, using: &generator)) * 1_000
            let cents = Decimal(Int.random(in: -100_000_000...100_000_000, using: &generator)) / 100
            pairs.append(Bool.random(using: &generator) ? (whole, cents) : (cents, cents))
        }
        return pairs
    }

    @Test func sumsDifferencesAndProductsAreFoundationsByteForByte() {
        var differing: [String] = []
        for (a, b) in arithmeticOperands(10_000) {
            if bytes(a.adding(b)) != bytes(a + b) { differing.append("\(a) + \(b)") }
            if bytes(a.subtracting(b)) != bytes(a - b) { differing.append("\(a) - \(b)") }
            if bytes(a.multiplied(by: b)) != bytes(a * b) { differing.append("\(a) * \(b)") }
        }
        #expect(differing.isEmpty, "first of \(differing.count): \(differing.prefix(5))")
    }
}
