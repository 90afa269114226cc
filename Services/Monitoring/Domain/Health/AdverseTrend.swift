import PMOModel

/// An adverse trend: SPI or CPI strictly falling over the policy's `trendReports` consecutive
/// status reports (3 when absent), the latest included, so that monitoring can raise an alert
/// before the index crosses a band or the variance a threshold.
///
/// Over the last N assessments of a project in period order, oldest first (N = `trendReports`),
/// an index is in an adverse trend when it is defined in all N and each value is strictly below
/// the one before: v₁ > v₂ > … > v_N, that is N − 1 falls in a row. The values compared are the
/// unrounded indices, and a fall of any size counts (the trend is about the direction lasting,
/// not the size of a step; ``PerformanceTrend``'s tolerance is not applied). An equal value, a
/// rise, or an undefined index anywhere in the window breaks the run; fewer than N assessments
/// make no trend.
///
/// The history is the caller's: one assessment per period, in period order, a corrected report
/// replacing the one it corrects.
///
/// Worked example, N = 3: SPI 0.99, 0.97, 0.96 is an adverse trend with those values; SPI 0.99,
/// 0.97 (two reports) is not yet; 0.99, 0.97, 0.97 is not (no fall at the last step); 1.02, 0.99,
/// 0.97, 0.96 is (its last three); CPI 0.95, undefined, 0.93, 0.92 is not (the undefined one is
/// in the window of the last three).
public struct AdverseTrend: Sendable, Hashable {
    /// Which index is falling.
    public enum Index: String, Codable, Sendable, Hashable, CaseIterable {
        /// SPI, the schedule performance index.
        case schedulePerformanceIndex = "spi"
        /// CPI, the cost performance index.
        case costPerformanceIndex = "cpi"
    }

    /// The falling index.
    public var index: Index
    /// Its unrounded values over the window, oldest first, the latest last.
    public var values: [Double]

    /// An adverse trend of `index` through `values`.
    public init(index: Index, values: [Double]) {
        self.index = index
        self.values = values
    }

    /// The adverse trends at the end of `history` (assessments oldest first, the latest last)
    /// over `reports` consecutive reports: SPI's first, then CPI's; none when `reports` is below
    /// 2 (one report has no direction) or the history is shorter.
    public static func detect(in history: [PerformanceIndices], reports: Int) -> [AdverseTrend] {
        guard reports >= 2, history.count >= reports else { return [] }
        let window = history.suffix(reports)
        return Index.allCases.compactMap { index in
            let values = window.compactMap { index == .schedulePerformanceIndex ? $0.schedule : $0.cost }
            guard values.count == reports, zip(values, values.dropFirst()).allSatisfy({ $1 < $0 }) else { return nil }
            return AdverseTrend(index: index, values: values)
        }
    }

    /// The adverse trends at the end of `history` over `policy`'s `trendReports`.
    public static func detect(in history: [PerformanceIndices], policy: MonitoringPolicy) -> [AdverseTrend] {
        detect(in: history, reports: policy.effectiveTrendReports)
    }
}
