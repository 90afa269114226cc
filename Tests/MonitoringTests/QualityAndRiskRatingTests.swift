import Foundation
import Testing
import PMOModel
@testable import Monitoring

@Suite("Quality and risk ratings and the policy's defaults for them")
struct QualityAndRiskRatingTests {
    let bands = MonitoringPolicy.defaultQualityBands

    @Test func theDefaultsApplyWhenThePolicyGivesNone() {
        let policy = plainPolicy()
        #expect(policy.effectiveQualityBands == QualityBands(openDefectsAmberFrom: 10, openDefectsRedFrom: 20,
                                                             failedAcceptanceTestsAmberFrom: 1, failedAcceptanceTestsRedFrom: 3))
        #expect(policy.effectiveRiskAmberScore == 1.5)            // 3.0 / 2
        #expect(policy.effectiveTrendReports == 3)
        #expect(policy.effectiveTrendTolerance == 0.01)
        var given = policy
        given.qualityBands = QualityBands(openDefectsAmberFrom: 1, openDefectsRedFrom: 2,
                                          failedAcceptanceTestsAmberFrom: 1, failedAcceptanceTestsRedFrom: 1)
        given.riskAmberScore = 2
        given.trendReports = 4
        given.trendTolerance = 0
        #expect(given.effectiveQualityBands.openDefectsRedFrom == 2)
        #expect(given.effectiveRiskAmberScore == 2)
        #expect(given.effectiveTrendReports == 4)
        #expect(given.effectiveTrendTolerance == 0)
    }

    @Test func theExamplePolicyGivesTheDefaultsValues() throws {
        let policy = try exampleEvent(PolicyPublished.self).monitoring
        #expect(policy.effectiveQualityBands == MonitoringPolicy.defaultQualityBands)
        #expect(policy.effectiveRiskAmberScore == plainPolicy().effectiveRiskAmberScore)
        #expect(policy.effectiveTrendReports == MonitoringPolicy.defaultTrendReports)
        #expect(policy.effectiveTrendTolerance == MonitoringPolicy.defaultTrendTolerance)
    }

    @Test func openDefectsFromEachThreshold() {
        // Amber from 10, red from 20.
        #expect(QualityRating.rate(quality(open: 0, failed: 0), bands: bands) == .green)
        #expect(QualityRating.rate(quality(open: 9, failed: 0), bands: bands) == .green)
        #expect(QualityRating.rate(quality(open: 10, failed: 0), bands: bands) == .amber)
        #expect(QualityRating.rate(quality(open: 19, failed: 0), bands: bands) == .amber)
        #expect(QualityRating.rate(quality(open: 20, failed: 0), bands: bands) == .red)
    }

    @Test func failedAcceptanceTestsFromEachThreshold() {
        // Amber from 1, red from 3, whatever the defects.
        #expect(QualityRating.rate(quality(open: 0, failed: 1), bands: bands) == .amber)
        #expect(QualityRating.rate(quality(open: 0, failed: 2), bands: bands) == .amber)
        #expect(QualityRating.rate(quality(open: 0, failed: 3), bands: bands) == .red)
        #expect(QualityRating.rate(quality(open: 5, failed: 3), bands: bands) == .red)
        // The contract's example report: 14 open (from 10) and 2 failed (from 1), amber.
        #expect(QualityRating.rate(quality(open: 14, failed: 2), bands: bands) == .amber)
        // Closed defects do not count.
        #expect(QualityRating.rate(QualityStatus(defectsOpen: 0, defectsClosed: 50, failedAcceptanceTests: 0),
                                   bands: bands) == .green)
    }

    @Test func theRiskRatingIsTheHighestScoresBand() {
        // Red from 3.0, amber from 1.5.
        #expect(RiskRating.rate([], amberScore: 1.5, redScore: 3) == .green)
        #expect(RiskRating.rate([risk("R-2", 0.8, 4)], amberScore: 1.5, redScore: 3) == .red)           // 3.2
        #expect(RiskRating.rate([risk("R-1", 0.6, 5)], amberScore: 1.5, redScore: 3) == .red)           // 3.0 exactly
        #expect(RiskRating.rate([risk("R-1", 0.7, 4)], amberScore: 1.5, redScore: 3) == .amber)         // 2.8
        #expect(RiskRating.rate([risk("R-1", 0.5, 3)], amberScore: 1.5, redScore: 3) == .amber)         // 1.5 exactly
        #expect(RiskRating.rate([risk("R-1", 0.4, 3)], amberScore: 1.5, redScore: 3) == .green)         // 1.2
        // The highest counts, not the first or the sum.
        #expect(RiskRating.rate([risk("R-1", 0.4, 3), risk("R-2", 0.2, 5), risk("R-3", 0.9, 4)],
                                amberScore: 1.5, redScore: 3) == .red)                                   // 1.2, 1.0, 3.6
        #expect(RiskRating.rate([risk("R-1", 0.4, 3), risk("R-2", 0.3, 4)], amberScore: 1.5, redScore: 3) == .green)  // 1.2 + 1.2
    }

    @Test func onlyOpenAndMitigatingRisksCount() {
        #expect(RiskRating.rate([risk("R-2", 0.8, 4, .mitigating)], amberScore: 1.5, redScore: 3) == .red)
        #expect(RiskRating.rate([risk("R-2", 0.8, 4, .occurred)], amberScore: 1.5, redScore: 3) == .green)
        #expect(RiskRating.rate([risk("R-2", 0.8, 4, .closed)], amberScore: 1.5, redScore: 3) == .green)
        #expect(RiskRating.rate([risk("R-2", 0.8, 4, .closed), risk("R-3", 0.5, 4, .mitigating)],
                                amberScore: 1.5, redScore: 3) == .amber)                                 // 2.0
    }

    @Test func scoresAreDecimalSoAThresholdIsReachedExactly() {
        // 0.3 × 3 = 0.9, and 0.7 × 3 = 2.1, in decimal; in binary floating point they are
        // 0.8999999999999999 and 2.0999999999999996, below the thresholds.
        #expect(0.3 * 3.0 < 0.9 && 0.7 * 3.0 < 2.1)
        #expect(RiskRating.score(risk("R-1", 0.3, 3)) == dec("0.9"))
        #expect(RiskRating.rate([risk("R-1", 0.3, 3)], amberScore: 0.9, redScore: 3) == .amber)
        #expect(RiskRating.rate([risk("R-1", 0.7, 3)], amberScore: 0.9, redScore: 2.1) == .red)
    }

    @Test func thePolicysScoresWithTheDefaultAmber() {
        // Escalation 3.0 and no amber score: amber from 1.5.
        let policy = plainPolicy()
        #expect(RiskRating.rate([risk("R-1", 0.5, 3)], policy: policy) == .amber)   // 1.5
        #expect(RiskRating.rate([risk("R-1", 0.7, 2)], policy: policy) == .green)   // 1.4
        var strict = policy
        strict.riskAmberScore = 1
        #expect(RiskRating.rate([risk("R-1", 0.7, 2)], policy: strict) == .amber)   // 1.4 ≥ 1
    }
}
