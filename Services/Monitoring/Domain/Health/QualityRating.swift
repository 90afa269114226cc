import PMOModel

/// The quality rating, from a status report's quality figures (`QualityStatus`) and the policy's
/// quality bands (`QualityBands`, ``PMOModel/MonitoringPolicy/effectiveQualityBands``):
///
/// - **red** when the defects open at the period end reach `openDefectsRedFrom`, or the
///   acceptance tests failed in the period reach `failedAcceptanceTestsRedFrom`;
/// - otherwise **amber** when the open defects reach `openDefectsAmberFrom`, or the failed
///   acceptance tests reach `failedAcceptanceTestsAmberFrom`;
/// - otherwise **green**.
///
/// "Reach" means at or above: a threshold is the first count of its band. Defects closed in the
/// period do not count: the open ones at the period end already reflect them.
///
/// Worked example, the default bands (open defects amber from 10, red from 20; failed acceptance
/// tests amber from 1, red from 3): the contract's example report (14 open defects, 2 failed
/// acceptance tests) is amber on both counts; 9 open and none failed is green; 20 open is red;
/// 3 failed is red whatever the defects; 10 open or 1 failed is amber.
public enum QualityRating {
    /// The rating of `quality` against `bands`.
    public static func rate(_ quality: QualityStatus, bands: QualityBands) -> RAGStatus {
        if quality.defectsOpen >= bands.openDefectsRedFrom
            || quality.failedAcceptanceTests >= bands.failedAcceptanceTestsRedFrom { return .red }
        if quality.defectsOpen >= bands.openDefectsAmberFrom
            || quality.failedAcceptanceTests >= bands.failedAcceptanceTestsAmberFrom { return .amber }
        return .green
    }
}
