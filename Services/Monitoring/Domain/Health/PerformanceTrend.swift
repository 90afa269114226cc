import Foundation
import PMOModel

/// The trend of a project's health (`HealthTrend`): how its unrounded SPI and CPI moved since
/// the previous assessment, beyond a tolerance (the policy's `trendTolerance`, 0.01 when absent).
///
/// With ΔSPI = SPI − previous SPI and ΔCPI = CPI − previous CPI, each taken only when the index
/// is defined in both assessments:
///
/// - **deteriorating** when ΔSPI or ΔCPI is below −tolerance (an index fell by more than it);
/// - **improving** when neither fell by more than the tolerance and ΔSPI or ΔCPI is above
///   +tolerance;
/// - **stable** otherwise: both moved by at most the tolerance, or there is nothing to compare
///   (the first assessment, or an index undefined before or now).
///
/// A fall outweighs a rise: SPI up 0.05 while CPI falls 0.02 is deteriorating. A move of
/// exactly the tolerance is stable. The differences are taken in decimal, from the digits Swift
/// prints for each index, so 0.95 → 0.94 is a fall of exactly 0.01 (binary floating point would
/// make it 0.010000000000000009, more than a tolerance of 0.01).
///
/// Worked example, tolerance 0.01: SPI 0.95 → 0.9399 with CPI 0.92 → 0.92 is deteriorating
/// (ΔSPI = −0.0101); SPI 0.95 → 0.94 and CPI 0.92 → 0.93 is stable (both moved by exactly 0.01);
/// SPI 0.95 → 0.9601, CPI 0.92 → 0.915 is improving (SPI rose by 0.0101, CPI fell by only 0.005);
/// SPI undefined → 0.8 with CPI 0.9 → 0.9 is stable.
public enum PerformanceTrend {
    /// The trend from `previous` (`nil` for a project's first assessment) to `current`.
    public static func trend(from previous: PerformanceIndices?, to current: PerformanceIndices,
                             tolerance: Double) -> HealthTrend {
        guard let previous, tolerance.isFinite else { return .stable }
        let moves = [move(previous.schedule, current.schedule, tolerance: tolerance),
                     move(previous.cost, current.cost, tolerance: tolerance)]
        if moves.contains(.fell) { return .deteriorating }
        if moves.contains(.rose) { return .improving }
        return .stable
    }

    /// How one index moved against the tolerance.
    enum Move {
        /// It fell by more than the tolerance.
        case fell
        /// It rose by more than the tolerance.
        case rose
        /// It moved by at most the tolerance, or is undefined before or now.
        case within
    }

    /// How an index moved from `previous` to `current`, decided on the decimal difference
    /// (``change(_:_:)``). The binary difference is within 10⁻¹⁵ × (|previous| + |current|) of
    /// the decimal one (each `Double` is within half a unit in the last place of its shortest
    /// digits), so its size decides against the tolerance when that is clear
    /// (``Swift/Double/isClearly(above:magnitude:)``); only otherwise is the decimal difference,
    /// which costs two conversions through the digits, worked out.
    static func move(_ previous: Double?, _ current: Double?, tolerance: Double) -> Move {
        guard let previous, let current, previous.isFinite, current.isFinite else { return .within }
        let difference = current - previous
        if tolerance >= 0, let beyond = abs(difference).isClearly(above: tolerance, magnitude: abs(previous) + abs(current)) {
            guard beyond else { return .within }
            return difference < 0 ? .fell : .rose
        }
        guard let exact = change(previous, current), let limit = Decimal(shortest: tolerance) else { return .within }
        if exact.isBelow(-limit) { return .fell }
        if exact.isAbove(limit) { return .rose }
        return .within
    }

    /// The trend from `previous` to `current` with `policy`'s tolerance.
    public static func trend(from previous: PerformanceIndices?, to current: PerformanceIndices,
                             policy: MonitoringPolicy) -> HealthTrend {
        trend(from: previous, to: current, tolerance: policy.effectiveTrendTolerance)
    }

    /// `current − previous` in decimal; `nil` when either is undefined.
    static func change(_ previous: Double?, _ current: Double?) -> Decimal? {
        guard let previous, let current, let before = Decimal(shortest: previous),
              let now = Decimal(shortest: current) else { return nil }
        return now.subtracting(before)
    }
}
