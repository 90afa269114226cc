import Foundation
import Testing
@testable import PMOModel

/// `Decimal.compare` says what Foundation's `<`, `==` and `>` say, for every kind of value.
@Suite struct DecimalComparisonTests {
    private func foundationOrder(_ a: Decimal, _ b: Decimal) -> ComparisonResult {
        a < b ? .orderedAscending : a == b ? .orderedSame : .orderedDescending
    }

    /// Amounts, 38-digit quotients, their negatives, zeros and equal values written with other
    /// exponents (1.5 and 1.50), and exponents far apart.
    private func samples(_ count: Int) -> [Decimal] {
        var generator = SystemRandomNumberGenerator()
        var values: [Decimal] = ["0", "-0.5", "0.5", "0.50", "1200", "1.2e3", "-21043.48", "373043.478260869565217391304347826087",
                                 "340282366920938463463374607431768211455", "1e100", "-1e-100", "1e-120", "10"]
            .map { Decimal(string: $0)! }
        for _ in 0..<count {
            let amount = Decimal(Int.random(in: -1_000_000...1_000_000, using: &generator)) / 100
            values.append(amount)
            values.append(amount * 10)  // the same digits, another exponent
            values.append(amount / Decimal(Int.random(in: 1...400, using: &generator)))
            let length = Int.random(in: 1...38, using: &generator)
            var digits = String(Int.random(in: 1...9, using: &generator))
            for _ in 1..<length { digits += String(Int.random(in: 0...9, using: &generator)) }
            let sign = Bool.random(using: &generator) ? "-" : ""
            values.append(Decimal(string: "\(sign)\(digits)e\(Int.random(in: -60...40, using: &generator))")!)
        }
        return values
    }

    @Test func itOrdersAsFoundationDoes() {
        var generator = SystemRandomNumberGenerator()
        let values = samples(3_000)
        var differing: [(Decimal, Decimal)] = []
        var kinds: [ComparisonResult: Int] = [:]
        for _ in 0..<100_000 {
            let a = values.randomElement(using: &generator)!
            // One pair in four compares a value with a neighbour of its own size.
            let b = Int.random(in: 0..<4, using: &generator) == 0 ? a * Decimal(string: "1.0000001")! : values.randomElement(using: &generator)!
            let expected = foundationOrder(a, b)
            kinds[expected, default: 0] += 1
            if Decimal.compare(a, b) != expected || a.isBelow(b) != (a < b) || a.isAbove(b) != (a > b) { differing.append((a, b)) }
        }
        for value in values where Decimal.compare(value, value) != .orderedSame { differing.append((value, value)) }
        #expect(differing.isEmpty, "first of \(differing.count): \(differing.prefix(5))")
        #expect(kinds.count == 3, "every outcome is among the samples")
    }

    @Test func signsAndZeros() {
        let zero = Decimal(0), negative = Decimal(string: "-0.01")!, positive = Decimal(string: "0.01")!
        #expect(Decimal.compare(zero, Decimal(string: "0.00")!) == .orderedSame)
        #expect(Decimal.compare(negative, zero) == .orderedAscending)
        #expect(Decimal.compare(zero, negative) == .orderedDescending)
        #expect(Decimal.compare(positive, negative) == .orderedDescending)
        #expect(Decimal.compare(Decimal(string: "-2")!, Decimal(string: "-1.5")!) == .orderedAscending)
        #expect(Decimal.compare(Decimal(string: "1.50")!, Decimal(string: "1.5")!) == .orderedSame)
    }
}
