import Foundation
import Testing
import PMOModel
@testable import Monitoring

/// The indices SPI `spi` and CPI `cpi`.
func indices(_ spi: Double?, _ cpi: Double?) -> PerformanceIndices {
    PerformanceIndices(schedule: spi, cost: cpi)
}

@Suite("The trend since the previous assessment, beyond the tolerance")
struct PerformanceTrendTests {
    func trend(_ previous: PerformanceIndices?, _ current: PerformanceIndices, tolerance: Double = 0.01) -> HealthTrend {
        PerformanceTrend.trend(from: previous, to: current, tolerance: tolerance)
    }

    @Test func theFirstAssessmentIsStable() {
        #expect(trend(nil, indices(0.5, 0.5)) == .stable)
    }

    @Test func aFallOfMoreThanTheToleranceIsDeteriorating() {
        #expect(trend(indices(0.95, 0.92), indices(0.9399, 0.92)) == .deteriorating)  // SPI −0.0101
        #expect(trend(indices(0.95, 0.92), indices(0.95, 0.9099)) == .deteriorating)  // CPI −0.0101
    }

    @Test func aMoveOfExactlyTheToleranceIsStable() {
        // 0.95 → 0.94 is −0.01 in decimal (−0.010000000000000009 in binary).
        #expect(0.94 - 0.95 < -0.01)
        #expect(trend(indices(0.95, 0.92), indices(0.94, 0.93)) == .stable)
        #expect(trend(indices(0.95, 0.92), indices(0.96, 0.91)) == .stable)
        #expect(trend(indices(0.95, 0.92), indices(0.95, 0.92)) == .stable)
    }

    @Test func aRiseOfMoreThanTheToleranceWithoutAFallIsImproving() {
        #expect(trend(indices(0.95, 0.92), indices(0.9601, 0.92)) == .improving)       // SPI +0.0101
        #expect(trend(indices(0.95, 0.92), indices(0.9601, 0.915)) == .improving)      // CPI −0.005 is within it
        #expect(trend(indices(0.95, 0.92), indices(0.95, 1.1)) == .improving)
    }

    @Test func aFallOutweighsARise() {
        #expect(trend(indices(0.90, 0.95), indices(0.95, 0.93)) == .deteriorating)     // SPI +0.05, CPI −0.02
    }

    @Test func anUndefinedIndexIsLeftOutOfTheComparison() {
        // SPI undefined before (PV was 0): only CPI is compared.
        #expect(trend(indices(nil, 0.9), indices(0.8, 0.9)) == .stable)
        #expect(trend(indices(nil, 0.9), indices(0.8, 0.95)) == .improving)
        // CPI undefined now (nothing spent yet): only SPI is compared.
        #expect(trend(indices(0.9, 0.9), indices(0.85, nil)) == .deteriorating)
        #expect(trend(indices(nil, nil), indices(0.5, 0.5)) == .stable)
    }

    @Test func theToleranceComesFromThePolicy() {
        var policy = plainPolicy()
        #expect(PerformanceTrend.trend(from: indices(0.95, 0.92), to: indices(0.945, 0.92), policy: policy) == .stable)
        policy.trendTolerance = 0
        #expect(PerformanceTrend.trend(from: indices(0.95, 0.92), to: indices(0.945, 0.92), policy: policy) == .deteriorating)
        #expect(PerformanceTrend.trend(from: indices(0.95, 0.92), to: indices(0.95, 0.92), policy: policy) == .stable)
    }

    @Test func twoReportsOfTheSmallBaseline() throws {
        // 2026-01-10: PV 10,000, EV 9,000, AC 9,000: SPI 0.9, CPI 1.
        // 2026-01-20: PV 30,000, EV 24,000, AC 25,000: SPI 0.8, CPI 0.96: deteriorating.
        let first = PerformanceIndices(try measured("2026-01-10", earned: 9_000, cost: 9_000).earnedValue)
        let second = PerformanceIndices(try measured("2026-01-20", earned: 24_000, cost: 25_000).earnedValue)
        #expect(first == indices(0.9, 1))
        #expect(second == indices(0.8, 0.96))
        #expect(trend(first, second) == .deteriorating)
        #expect(trend(second, first) == .improving)
    }
}
