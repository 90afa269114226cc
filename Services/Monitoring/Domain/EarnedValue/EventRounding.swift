import Foundation

/// How figures are rounded when they are written into an event, and only then.
///
/// - Money: 2 decimals, halves away from zero (21,043.475 → 21,043.48; −21,043.475 → −21,043.48).
///   Each amount is rounded once from its unrounded value, never computed from other rounded
///   amounts, so a rounded SV can differ by a cent from rounded EV minus rounded PV.
/// - Indices (SPI, CPI, TCPI, SPI(t)): 4 decimals, halves away from zero (0.94358974 → 0.9436).
///
/// Everything else works on unrounded values: ratings compare the unrounded indices with the
/// policy's bands (an SPI of 0.94996 is amber against a green band from 0.95, although the event
/// shows 0.95).
public enum EventRounding {
    /// The decimals kept for money in events.
    public static let moneyDecimals = 2
    /// The decimals kept for indices in events.
    public static let indexDecimals = 4

    /// `amount` to ``moneyDecimals`` decimals, halves away from zero.
    public static func money(_ amount: Decimal) -> Decimal {
        amount.rounded(moneyDecimals)
    }

    /// `index` to ``indexDecimals`` decimals, halves away from zero (via its exact decimal digits,
    /// so 0.00005 rounds up although its `Double` is slightly less); never −0.
    public static func index(_ index: Double) -> Double {
        // In binary: `index × 10⁴` is within 2.3 × 10⁻⁶ of its exact decimal digits × 10⁴ when
        // |index| < 10⁶ (half an ulp of the index, scaled, plus half an ulp of the product), so
        // unless it lies within 10⁻⁵ of a half the nearest whole number is the decimal rounding,
        // and k / 10⁴ (two exact operands, one IEEE division) is the nearest Double to it.
        let scaled = index * 10_000
        let fraction = abs(scaled - scaled.rounded(.towardZero))
        if abs(index) < 1e6, abs(fraction - 0.5) > 1e-5 {
            return scaled.rounded(.toNearestOrAwayFromZero) / 10_000 + 0.0
        }
        return exactIndex(index)
    }

    /// ``index(_:)`` through the exact decimal digits of `index`, for halves and large values.
    static func exactIndex(_ index: Double) -> Double {
        guard let exact = Decimal(shortest: index) else { return index }
        return exact.rounded(indexDecimals).nearestDouble + 0.0
    }
}
