import Foundation
import PMOModel

/// How the pages write numbers: amounts with thousands separators and their currency, indices
/// with two decimals, a dash for a figure that is not defined.
public enum Figures {
    public static let dash = "—"

    public static func money(_ money: Money?) -> String {
        guard let money else { return dash }
        let whole = money.amount.nearestDouble.rounded()
        return "\(grouped(Int(whole))) \(money.currency)"
    }

    public static func index(_ value: Double?) -> String {
        guard let value, value.isFinite else { return dash }
        return String(format: "%.2f", value)
    }

    public static func grouped(_ value: Int) -> String {
        let digits = String(abs(value))
        var out = ""
        for (position, character) in digits.enumerated() {
            if position > 0, (digits.count - position) % 3 == 0 { out.append(",") }
            out.append(character)
        }
        return value < 0 ? "-" + out : out
    }

    /// A short axis label: `451.5k`, `1.2M`, `950`.
    public static func compact(_ value: Double) -> String {
        let magnitude = abs(value)
        if magnitude >= 1_000_000 { return String(format: "%.1fM", value / 1_000_000).replacingOccurrences(of: ".0M", with: "M") }
        if magnitude >= 1_000 { return String(format: "%.1fk", value / 1_000).replacingOccurrences(of: ".0k", with: "k") }
        return String(Int(value.rounded()))
    }

    public static func double(_ money: Money) -> Double { money.amount.nearestDouble }
}
