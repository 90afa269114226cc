import Foundation
import Testing
import PMOModel

/// `Decimal.parsingPlainDigits` gives what `Decimal(string:)` gives, down to the storage, or leaves
/// the text to it.
@Suite struct DecimalPlainDigitsTests {
    private func storage(_ value: Decimal) -> [UInt8] {
        withUnsafeBytes(of: value) { Array($0) }
    }

    @Test func plainDigitsHoldTheValueFoundationsParserGivesByteForByte() throws {
        var generator = SystemRandomNumberGenerator()
        var texts = ["5", "-5", "0.5", "-0.5", "1.10", "29315.00", "-21043.48", "100", "1445000", "83234.63",
                     "0.000000000000000001", "123456789012345678", "-999999999999999999", "12345678901234567.8"]
        for _ in 0..<20_000 {
            let whole = String(UInt64.random(in: 0...UInt64.max, using: &generator) >> UInt64.random(in: 0...63, using: &generator))
            let fraction = String(UInt64.random(in: 0...999_999, using: &generator)).prefix(Int.random(in: 0...6, using: &generator))
            let text = (Bool.random(using: &generator) ? "-" : "") + whole + (fraction.isEmpty ? "" : "." + fraction)
            texts.append(text)
        }
        var read = 0
        for text in texts {
            guard let fast = Decimal.parsingPlainDigits(text) else { continue }
            read += 1
            let foundation = try #require(Decimal(string: text), "\(text)")
            #expect(storage(fast) == storage(foundation), "\(text): \(fast) against \(foundation)")
        }
        #expect(read > texts.count / 2, "most random texts have at most 18 digits and are read")
    }

    @Test(arguments: ["0", "0.00", "-0", "1e5", "1E-2", ".5", "5.", "--1", "1.2.3", "", "-", "+1", " 1",
                      "1234567890123456789", "0.1234567890123456789", "１"])
    func anythingElseIsLeftToFoundation(_ text: String) {
        #expect(Decimal.parsingPlainDigits(text) == nil, "\(text)")
    }
}
