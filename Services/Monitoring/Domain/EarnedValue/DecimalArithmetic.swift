import Foundation

extension Decimal {
    /// The nearest `Double`, read from the exact decimal digits (Foundation's own conversion on
    /// Linux can be off in the last digits).
    var nearestDouble: Double {
        Double(description) ?? Double.nan
    }

    /// The exact decimal value of `value` as Swift prints it (its shortest round-tripping digits:
    /// 12.3, not 12.300000000000000710542735760100185871124267578125); `nil` when not finite.
    init?(shortest value: Double) {
        guard value.isFinite else { return nil }
        self.init(string: "\(value)")
    }

    /// This value rounded to `places` decimals, halves away from zero.
    func rounded(_ places: Int) -> Decimal {
        var value = self
        var result = Decimal()
        NSDecimalRound(&result, &value, places, .plain)
        return result
    }
}
