import Foundation

extension Double {
    /// Whether `self` is above `limit`, when binary arithmetic can tell; `nil` when the two lie
    /// within 10⁻⁹ × max(1, |self|, |limit|, `magnitude`) of each other, or either is not finite.
    ///
    /// The rules that decide in decimal (the trend, risk scores, the variance percentage) hold a
    /// `Double` within a relative 10⁻¹⁵ of the exact decimal value they compare (`magnitude` is
    /// the size of what it was computed from, when that is larger); so outside the margin it is on
    /// the same side of the limit as the decimal value, and only inside it does the rule need its
    /// decimal arithmetic, which costs conversions through the digits or a long division.
    func isClearly(above limit: Double, magnitude: Double = 0) -> Bool? {
        guard isFinite, limit.isFinite,
              abs(self - limit) > 1e-9 * Swift.max(1, abs(self), abs(limit), magnitude) else { return nil }
        return self > limit
    }
}
