import PMOModel

/// The health settings a policy may leave out, and what applies then.
///
/// | setting | when absent |
/// |---|---|
/// | `qualityBands` | amber from 10 open defects or 1 failed acceptance test; red from 20 open defects or 3 failed acceptance tests |
/// | `riskAmberScore` | half of `riskEscalationScore` (1.5 for the usual 3.0) |
/// | `trendReports` | 3 reports (two falls in a row) |
/// | `trendTolerance` | 0.01 (an SPI moving from 0.95 to 0.94 is stable, to 0.9399 deteriorating) |
///
/// Worked example: a policy with `riskEscalationScore` 3.0 and none of the four settings rates a
/// risk of probability 0.4 and impact 4 (score 1.6) amber (1.6 ≥ 1.5), 12 open defects amber
/// (12 ≥ 10), and calls three falling SPIs in a row an adverse trend.
extension MonitoringPolicy {
    /// The quality bands that apply when the policy gives none.
    public static let defaultQualityBands = QualityBands(
        openDefectsAmberFrom: 10, openDefectsRedFrom: 20,
        failedAcceptanceTestsAmberFrom: 1, failedAcceptanceTestsRedFrom: 3)
    /// The reports an adverse trend spans when the policy says nothing.
    public static let defaultTrendReports = 3
    /// How far an index must move for the trend to change when the policy says nothing.
    public static let defaultTrendTolerance = 0.01

    /// `qualityBands`, or ``defaultQualityBands``.
    public var effectiveQualityBands: QualityBands {
        qualityBands ?? Self.defaultQualityBands
    }

    /// `riskAmberScore`, or half of `riskEscalationScore` (which keeps it at or below the red
    /// score whatever that is).
    public var effectiveRiskAmberScore: Double {
        riskAmberScore ?? riskEscalationScore / 2
    }

    /// `trendReports`, or ``defaultTrendReports``.
    public var effectiveTrendReports: Int {
        trendReports ?? Self.defaultTrendReports
    }

    /// `trendTolerance`, or ``defaultTrendTolerance``.
    public var effectiveTrendTolerance: Double {
        trendTolerance ?? Self.defaultTrendTolerance
    }
}
