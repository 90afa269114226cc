import Foundation

extension Decimal {
    /// The nearest `Double`, read from the exact decimal digits (Foundation's own conversion on
    /// Linux can be off in the last digits).
    var nearestDouble: Double {
        if let (significand, exponent, isNegative) = wholeParts {
            // A significand below 2⁵³ and a power of ten up to 10²² are exact Doubles, so one IEEE
            // multiplication or division of the two gives the nearest Double to their product.
            if significand < 1 << 53, (-22...22).contains(exponent) {
                let magnitude = exponent >= 0 ? Double(significand) * Self.powersOfTen[exponent]
                                              : Double(significand) / Self.powersOfTen[-exponent]
                return isNegative ? -magnitude : magnitude
            }
            return Double(digits) ?? Double.nan
        }
        return Double(description) ?? Double.nan
    }

    /// 10⁰ … 10²², each exactly a Double.
    private static let powersOfTen: [Double] = (0...22).map { exponent in
        (0..<exponent).reduce(1.0) { value, _ in value * 10 }
    }

    /// `numerator / denominator` as the nearest Double; `nil` when the denominator is 0. When both
    /// are whole numbers below 2⁵³ once written with the same power of ten (amounts of money are),
    /// one IEEE division of the two gives it; otherwise through the decimal quotient.
    static func nearestQuotient(_ numerator: Decimal, _ denominator: Decimal) -> Double? {
        guard denominator != 0 else { return nil }
        if let top = numerator.wholeParts, let bottom = denominator.wholeParts,
           let (n, d) = commonScale(top, bottom) {
            let quotient = Double(n) / Double(d)
            return top.isNegative != bottom.isNegative && quotient != 0 ? -quotient : quotient
        }
        return (numerator / denominator).nearestDouble
    }

    /// The two significands scaled to the smaller exponent, when both stay below 2⁵³.
    private static func commonScale(_ a: (significand: UInt64, exponent: Int, isNegative: Bool),
                                    _ b: (significand: UInt64, exponent: Int, isNegative: Bool)) -> (UInt64, UInt64)? {
        func scaled(_ value: UInt64, by places: Int) -> UInt64? {
            var value = value
            for _ in 0..<places {
                let (product, overflow) = value.multipliedReportingOverflow(by: 10)
                guard !overflow else { return nil }
                value = product
            }
            return value < 1 << 53 ? value : nil
        }
        let exponent = min(a.exponent, b.exponent)
        guard a.exponent - exponent <= 19, b.exponent - exponent <= 19,
              let n = scaled(a.significand, by: a.exponent - exponent),
              let d = scaled(b.significand, by: b.exponent - exponent) else { return nil }
        return (n, d)
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
