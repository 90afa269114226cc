import Foundation
import Testing
import PMOModel
@testable import Monitoring

/// The rules that decide in binary when the answer is clear and in decimal otherwise (the
/// variance percentage, the trend, risk scores, the trend alert's four decimals) give the answer
/// of the decimal rule they stand for, on values chosen to sit on and next to each boundary
/// (seeded, `SplitMix64`, so a failure can be replayed).
@Suite("Binary shortcuts decide as the decimal rules they stand for")
struct BinaryShortcutTests {
    /// What the trend rule gives for one index in decimal only: the difference of the two
    /// indices' printed digits against the tolerance's.
    func decimalMove(_ previous: Double, _ current: Double, tolerance: Double) -> PerformanceTrend.Move {
        let change = PerformanceTrend.change(previous, current)!
        let limit = Decimal(shortest: tolerance)!
        if change.isBelow(-limit) { return .fell }
        if change.isAbove(limit) { return .rose }
        return .within
    }

    @Test func theTrendOfEachIndexIsTheDecimalDifferencesAgainstTheTolerance() {
        var random = SplitMix64(seed: 2026)
        var onTheTolerance = 0
        for _ in 0..<20_000 {
            let tolerance = [0.01, 0.005, 0.02, 0.0001, 0.1][Int.random(in: 0..<5, using: &random)]
            let previous = Double(Int.random(in: 5_000...15_000, using: &random)) / 10_000
            // On the tolerance (0.95 → 0.94), a digit beyond it, or anywhere near.
            let step = [tolerance, tolerance + 0.0001, tolerance - 0.0001, Double.random(in: 0...0.05, using: &random),
                        Double(Int.random(in: 0...500, using: &random)) / 10_000][Int.random(in: 0..<5, using: &random)]
            let sign: Double = Bool.random(using: &random) ? 1 : -1
            let current = Double("\(Decimal(shortest: previous)!.adding(Decimal(shortest: sign * step)!))")!
            if step == tolerance { onTheTolerance += 1 }
            #expect(PerformanceTrend.move(previous, current, tolerance: tolerance)
                    == decimalMove(previous, current, tolerance: tolerance), "\(previous) → \(current), tolerance \(tolerance)")
        }
        #expect(onTheTolerance > 1_000)
    }

    @Test func aRiskReachesAThresholdAsItsDecimalScoreDoes() {
        for hundredths in 0...100 {
            let probability = Double(hundredths) / 100
            for impact in 1...5 {
                let risk = risk("R-1", probability, impact)
                for threshold in [0.9, 1.5, 2.1, 2.4, 3.0, 3.2, 0.25, 4.5, 0.0, 5.0] {
                    let decimal = !RiskRating.score(risk).isBelow(Decimal(shortest: threshold)!)
                    #expect(RiskRating.reaches(risk, threshold) == decimal, "\(probability) × \(impact) against \(threshold)")
                }
            }
        }
    }

    @Test func aVarianceBreachesThePercentageAsItsDecimalPercentageDoes() {
        var random = SplitMix64(seed: 11)
        var ties = 0
        for _ in 0..<20_000 {
            // Limits whose ratio in binary, times 100, rounds off the limit (0.07 × 100 is
            // 7.000000000000001, 0.57 × 100 is 56.99999999999999) and some that do not.
            let limit = [10.0, 5.0, 7.5, 12.25, 0.0, 7.0, 57.0, 28.0, 0.7, 3.3][Int.random(in: 0..<10, using: &random)]
            // A base with whole cents or with the 38 digits of a planned value read between two
            // points of the curve.
            let cents = Decimal(Int.random(in: 1...100_000_000_00, using: &random)) / 100
            let base = Bool.random(using: &random) ? cents : cents.multiplied(by: 7).divided(by: 3)
            // A variance on the limit exactly, a cent either side of it, or anywhere.
            let onTheLimit = base.multiplied(by: Decimal(shortest: limit)!).divided(by: 100)
            let variance: Decimal = switch Int.random(in: 0..<4, using: &random) {
            case 0: onTheLimit
            case 1: onTheLimit.adding(dec("0.01"))
            case 2: onTheLimit.subtracting(dec("0.01"))
            default: Decimal(Int.random(in: 0...100_000_000, using: &random)) / 100
            }
            if variance == onTheLimit { ties += 1 }
            let check = VarianceCheck(dimension: .schedule, variance: -variance, base: base,
                                      limitPercent: Decimal(shortest: limit)!, absoluteLimit: nil)
            let decimal = check.percent.map { (-$0).isAbove(check.limitPercent) } ?? false
            #expect(check.breachesPercent == (variance != 0 && decimal), "\(variance) of \(base) against \(limit) %")
        }
        #expect(ties > 3_000)
    }

    @Test func theTrendAlertWritesFourDecimalsAsPrintfDoes() {
        var random = SplitMix64(seed: 7)
        // Halves of the fourth decimal (in binary just above or below, or exactly), whole
        // numbers, signs, large and non-finite values.
        var values: [Double] = [0, -0.0, 0.00005, 0.00015, 0.12345, 1.00005, 0.94355, -0.00004, -0.00005, 2.5, 1e9, 1e12,
                                -123.45675, .infinity, -.infinity, .nan, 0.5 / 10_000, 1.5 / 10_000]
        for _ in 0..<50_000 {
            values.append(Double.random(in: -3...3, using: &random))
            values.append(Double(Int.random(in: -300_000...300_000, using: &random)) / 100_000)
            values.append(Double(Int.random(in: -30_000...30_000, using: &random) * 2 + 1) / 20_000)
        }
        for value in values {
            #expect(TrendAlerts.fourDecimals(value) == String(format: "%.4f", value), "\(value)")
        }
    }
}
