import PMOModel

/// A measured status report's RAG ratings (`HealthRatings`), one per dimension and overall:
///
/// | dimension | rule |
/// |---|---|
/// | schedule | ``ScheduleRating``: unrounded SPI against `scheduleBands`; undefined (PV = 0) is green |
/// | cost | ``CostRating``: unrounded CPI against `costBands`; undefined (AC = 0) is green |
/// | quality | ``QualityRating``: open defects and failed acceptance tests against `qualityBands` |
/// | risk | ``RiskRating``: the highest open or mitigating risk's probability × impact against `riskAmberScore` and `riskEscalationScore` |
/// | overall | the worst of the four: red before amber before green (the contract's rule) |
///
/// Worked example, the contract's example report against the example baseline and policy:
/// schedule amber (SPI 0.94359 against green from 0.95, amber from 0.85), cost amber (CPI
/// 0.90026 against green from 0.95, amber from 0.90), quality amber (14 open defects from 10; 2
/// failed acceptance tests from 1), risk red (R-2 scores 0.8 × 4 = 3.2, at or above 3.0); overall
/// red.
public enum HealthRating {
    /// The ratings of the indices `schedulePerformanceIndex` and `costPerformanceIndex` (`nil`
    /// when undefined), the report's `quality` and its risk register `risks`, under `policy`.
    public static func ratings(schedulePerformanceIndex: Double?, costPerformanceIndex: Double?,
                               quality: QualityStatus, risks: [Risk], policy: MonitoringPolicy) -> HealthRatings {
        var ratings = HealthRatings(
            schedule: ScheduleRating.rate(schedulePerformanceIndex: schedulePerformanceIndex, bands: policy.scheduleBands),
            cost: CostRating.rate(costPerformanceIndex: costPerformanceIndex, bands: policy.costBands),
            quality: QualityRating.rate(quality, bands: policy.effectiveQualityBands),
            risk: RiskRating.rate(risks, policy: policy),
            overall: .green)
        ratings.overall = ratings.worstDimension
        return ratings
    }

    /// The ratings of `report` measured as `figures` (its unrounded SPI and CPI), under `policy`.
    public static func ratings(_ figures: EarnedValueAnalysis, report: StatusReported,
                               policy: MonitoringPolicy) -> HealthRatings {
        ratings(schedulePerformanceIndex: figures.schedulePerformanceIndex,
                costPerformanceIndex: figures.costPerformanceIndex,
                quality: report.quality, risks: report.risks, policy: policy)
    }
}
