import Foundation
import PMOModel

extension Money {
    /// `1,250,000 EUR`, or `1,250,000.50 EUR` when there are cents: the way findings show money.
    var readable: String {
        "\(Self.grouped(amount)) \(currency)"
    }

    /// Thousands separators; two decimals only when the amount has a fraction.
    static func grouped(_ value: Decimal) -> String {
        let cents = (abs(value.double) * 100).rounded()
        // Any amount the contracts allow, however large, without trapping on Int conversion.
        let whole = String(format: "%.0f", (cents / 100).rounded(.down))
        let fraction = cents.truncatingRemainder(dividingBy: 100)
        guard whole.allSatisfy(\.isNumber) else { return whole }
        var groups: [Substring] = []
        var end = whole.endIndex
        while end > whole.startIndex {
            let start = whole.index(end, offsetBy: -3, limitedBy: whole.startIndex) ?? whole.startIndex
            groups.insert(whole[start..<end], at: 0)
            end = start
        }
        let sign = value < 0 && cents > 0 ? "-" : ""
        return sign + groups.joined(separator: ",") + (fraction == 0 ? "" : String(format: ".%02.0f", fraction))
    }
}

extension Decimal {
    var double: Double { NSDecimalNumber(decimal: self).doubleValue }
}

extension Double {
    /// One decimal at most: `170`, `159.4`.
    var oneDecimal: String {
        let rounded = (self * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(format: "%.0f", rounded) : String(format: "%.1f", rounded)
    }

    /// Two decimals: `3.00`.
    var twoDecimals: String { String(format: "%.2f", self) }
}

extension Array where Element == String {
    /// `A`, `A and B`, `A, B and C`.
    var listed: String {
        switch count {
        case 0: ""
        case 1: self[0]
        default: dropLast().joined(separator: ", ") + " and " + self[count - 1]
        }
    }
}

extension Int {
    /// `1 day`, `3 days`: the count with `noun`, with an `s` unless the count is 1.
    func counting(_ noun: String) -> String {
        "\(self) \(self == 1 ? noun : noun + "s")"
    }
}
