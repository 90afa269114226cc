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
        guard let previous, let limit = Decimal(shortest: tolerance) else { return .stable }
        let changes = [change(previous.schedule, current.schedule), change(previous.cost, current.cost)]
            .compactMap { $0 }
        if changes.contains(where: { $0.isBelow(-limit) }) { return .deteriorating }
        if changes.contains(where: { $0.isAbove(limit) }) { return .improving }
        return .stable
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
