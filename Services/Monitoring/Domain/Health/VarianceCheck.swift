import Foundation
import PMOModel

/// Whether a schedule or cost variance breaches the policy's `varianceThreshold` (the decision
/// that variance alerts are raised on; this type raises nothing).
///
/// | dimension | variance | measured against |
/// |---|---|---|
/// | schedule | SV = EV − PV | PV |
/// | cost | CV = EV − AC | EV |
///
/// - **percent** = variance / base × 100, signed (negative when behind schedule or over budget);
///   undefined when the base is 0 (no percentage of nothing);
/// - a variance **breaches** when it is adverse (negative) and either its size is above the
///   threshold's `percent` (|percent| > percent) or its amount is above the threshold's
///   `absolute` (|variance| > absolute). Exceeding either limit is enough; reaching a limit
///   exactly is not exceeding it;
/// - with a base of 0 only the absolute limit applies: a cost variance with nothing earned yet
///   (EV = 0, so CV = −AC) breaches when AC is above the absolute limit;
/// - a favourable variance (ahead of schedule, under budget) never breaches, however large: the
///   threshold says when corrective action is required, and there is nothing to correct;
/// - the absolute limit applies only when it is in the project's currency; in another currency
///   it cannot be compared (there are no exchange rates here), ``absoluteLimit`` is `nil` and
///   only the percentage decides.
///
/// Everything is decimal and unrounded (the variance as the earned-value core computes it, the
/// percentage and limits as Swift prints them).
///
/// Worked example, threshold 10 % and 50,000 EUR: the contract's example report (PV 373,043.48,
/// EV 352,000, AC 391,000) has SV = −21,043.48, −5.64 % of PV: no breach; CV = −39,000, −11.08 %
/// of EV: a breach of the percentage (11.08 > 10), not of the amount (39,000 ≤ 50,000). An SV of
/// −60,000 against a PV of 1,000,000 (−6 %) breaches the amount only. A CV of exactly −10 % and
/// −50,000 breaches nothing. Before anything is earned, with AC 60,000, CV = −60,000 has no
/// percentage and breaches the amount.
public struct VarianceCheck: Sendable, Hashable {
    /// Which variance is checked.
    public enum Dimension: String, Sendable, Hashable {
        /// SV against PV.
        case schedule
        /// CV against EV.
        case cost
    }

    /// Which variance this is.
    public var dimension: Dimension
    /// The variance (SV or CV), unrounded; negative when adverse.
    public var variance: Decimal
    /// What the percentage is of: PV for schedule, EV for cost.
    public var base: Decimal
    /// The threshold's percentage.
    public var limitPercent: Decimal
    /// The threshold's amount, or `nil` when it is in another currency than the project's.
    public var absoluteLimit: Decimal?

    /// The check of `variance` against `base` with the limits `limitPercent` and
    /// `absoluteLimit`.
    public init(dimension: Dimension, variance: Decimal, base: Decimal, limitPercent: Decimal, absoluteLimit: Decimal?) {
        self.dimension = dimension
        self.variance = variance
        self.base = base
        self.limitPercent = limitPercent
        self.absoluteLimit = absoluteLimit
    }

    /// The schedule variance of `figures` against `threshold`.
    public static func schedule(_ figures: EarnedValueAnalysis, threshold: VarianceThreshold) -> VarianceCheck {
        check(.schedule, variance: figures.scheduleVariance, base: figures.plannedValue,
              currency: figures.currency, threshold: threshold)
    }

    /// The cost variance of `figures` against `threshold`.
    public static func cost(_ figures: EarnedValueAnalysis, threshold: VarianceThreshold) -> VarianceCheck {
        check(.cost, variance: figures.costVariance, base: figures.earnedValue,
              currency: figures.currency, threshold: threshold)
    }

    private static func check(_ dimension: Dimension, variance: Decimal, base: Decimal, currency: String,
                              threshold: VarianceThreshold) -> VarianceCheck {
        VarianceCheck(dimension: dimension, variance: variance, base: base,
                      limitPercent: Decimal(shortest: threshold.percent) ?? 0,
                      absoluteLimit: threshold.absolute.currency == currency ? threshold.absolute.amount : nil)
    }

    /// The variance as a percentage of the base, signed; `nil` when the base is 0.
    public var percent: Decimal? {
        guard base != 0 else { return nil }
        return variance.multiplied(by: 100).divided(by: base)
    }

    /// Whether the variance is adverse and its percentage's size is above the limit (never when
    /// the percentage is undefined).
    ///
    /// Decided in binary when it is clear (``Swift/Double/isClearly(above:magnitude:)``):
    /// |variance| / |base| × 100 as the nearest `Double`s is within a relative 10⁻¹⁵ of the exact
    /// percentage, and a quotient of 38-digit amounts costs Foundation a long division of several
    /// microseconds. Otherwise, in decimal as before.
    public var breachesPercent: Bool {
        guard isAdverse, base != 0 else { return false }
        if let ratio = Decimal.nearestQuotient(variance.magnitude, base.magnitude),
           let above = (ratio * 100).isClearly(above: limitPercent.nearestDouble) {
            return above
        }
        guard let percent else { return false }
        return (-percent).isAbove(limitPercent)
    }

    /// Whether the variance is adverse and its size is above the absolute limit (never when the
    /// limit is in another currency).
    public var breachesAbsolute: Bool {
        guard isAdverse, let absoluteLimit else { return false }
        return variance.magnitude.isAbove(absoluteLimit)
    }

    /// Whether the variance is below 0 (read from its sign, without Foundation's comparison).
    private var isAdverse: Bool {
        variance.isSignMinus && !variance.isZero
    }

    /// Whether either limit is exceeded.
    public var breaches: Bool {
        breachesPercent || breachesAbsolute
    }
}
