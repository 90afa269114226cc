import Foundation
import PMOModel

extension Money {
    /// `1,250,000 EUR`: whole units with thousands separators, for reasons people read.
    var readable: String {
        "\(Self.grouped(amount)) \(currency)"
    }

    static func grouped(_ value: Decimal) -> String {
        let number = NSDecimalNumber(decimal: value).doubleValue.rounded()
        // Any amount the contracts allow, however large, without trapping on Int conversion.
        let digits = String(format: "%.0f", abs(number))
        guard digits.allSatisfy(\.isNumber) else { return digits }
        var groups: [Substring] = []
        var end = digits.endIndex
        while end > digits.startIndex {
            let start = digits.index(end, offsetBy: -3, limitedBy: digits.startIndex) ?? digits.startIndex
            groups.insert(digits[start..<end], at: 0)
            end = start
        }
        return (number < 0 ? "-" : "") + groups.joined(separator: ",")
    }
}

extension Double {
    /// One decimal at most: `2`, `2.5`.
    var oneDecimal: String {
        let rounded = (self * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(format: "%.0f", rounded) : String(format: "%.1f", rounded)
    }

    /// A share as a whole percentage: `0.72` gives `72`.
    var percent: String { String(format: "%.0f", self * 100) }

    /// Two decimals: `0.65`.
    var twoDecimals: String { String(format: "%.2f", self) }
}

extension Decimal {
    var double: Double { NSDecimalNumber(decimal: self).doubleValue }
}
