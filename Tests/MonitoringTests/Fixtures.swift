import Foundation
import Testing
import PMOModel
@testable import Monitoring

// A small baseline whose figures are easy to compute by hand. Work starts on 2026-01-01, so a
// date D sits at t(D) = days from 2026-01-01 to D + 1 (2026-01-01 is day 1, 2025-12-31 day 0):
//
//     package  dates                   value
//     WP-1     2026-01-01…2026-01-20   40,000
//     WP-2     2026-01-21…2026-02-09   20,000          BAC 60,000
//
//     curve point   date         t    cumulative PV
//     1             2026-01-10   10   10,000
//     2             2026-01-30   30   50,000
//     3             2026-02-09   40   60,000           planned duration 40 days

/// The calendar date `text` (`YYYY-MM-DD`); 2000-01-01 when it is not one, which no fixture uses.
func day(_ text: String) -> CalendarDate {
    CalendarDate(text) ?? CalendarDate(year: 2000, month: 1, day: 1)!
}

func eur(_ amount: Decimal) -> Money { Money(amount, "EUR") }

/// The decimal written `text` (for amounts with cents, which a float literal would not give
/// exactly).
func dec(_ text: String) -> Decimal { Decimal(string: text) ?? .nan }

let t0 = Date(timeIntervalSince1970: 1_767_225_600)

/// The small baseline above.
func smallBaseline() -> PlanBaseline {
    PlanBaseline(
        milestones: [Milestone(milestoneId: "MS-1", name: "Done", plannedDate: day("2026-02-09"))],
        workPackages: [
            WorkPackage(workPackageId: "WP-1", name: "Build", plannedStart: day("2026-01-01"),
                        plannedFinish: day("2026-01-20"), plannedValue: eur(40_000)),
            WorkPackage(workPackageId: "WP-2", name: "Roll out", plannedStart: day("2026-01-21"),
                        plannedFinish: day("2026-02-09"), plannedValue: eur(20_000)),
        ],
        plannedValueCurve: [
            PlannedValuePoint(date: day("2026-01-10"), cumulativePlannedValue: eur(10_000)),
            PlannedValuePoint(date: day("2026-01-30"), cumulativePlannedValue: eur(50_000)),
            PlannedValuePoint(date: day("2026-02-09"), cumulativePlannedValue: eur(60_000)),
        ],
        budgetAtCompletion: eur(60_000))
}

/// The curve of ``smallBaseline()``.
func smallCurve() throws -> PlannedValueCurve {
    try PlannedValueCurve(smallBaseline())
}

/// A status report for the period ending `periodEnd` with `earned` (or `percent`) and `cost`.
func report(_ periodEnd: String, earned: Decimal? = nil, percent: Double? = nil, cost: Decimal) -> StatusReported {
    StatusReported(projectId: "PRJ-2026-001", reportedAt: t0, reportedBy: "marc.lefevre", baselineRevision: 1,
                   periodStart: day(periodEnd), periodEnd: day(periodEnd), percentComplete: percent,
                   earnedValue: earned.map(eur), actualCost: eur(cost), forecastFinish: day("2026-02-09"),
                   quality: QualityStatus(defectsOpen: 0, defectsClosed: 0, failedAcceptanceTests: 0), final: false)
}

/// The small baseline's figures for `earned` and `cost` at the end of `periodEnd`.
func measured(_ periodEnd: String, earned: Decimal, cost: Decimal,
              method: EstimateAtCompletionMethod = .default) throws -> PerformanceMeasurement {
    try PerformanceMeasurement.measure(report(periodEnd, earned: earned, cost: cost), against: smallBaseline(), method: method)
}

/// Whether `value` is within `tolerance` of `expected` (for indices and days computed in binary
/// floating point).
func close(_ value: Double?, _ expected: Double, _ tolerance: Double = 1e-9) -> Bool {
    guard let value else { return false }
    return abs(value - expected) <= tolerance
}

/// The repository root, found from this file's path.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// Example `index` (the first by default) of `T` in `schemas/examples`, decoded with the contract's own decoder
/// straight from the file (amounts keep their exact decimal digits).
func exampleEvent<T: PMOEvent>(_ type: T.Type, _ index: Int = 0) throws -> T {
    let url = repositoryRoot.appendingPathComponent("schemas/examples/\(T.eventType).json")
    let examples = try PMOJSON.decode([T].self, from: Data(contentsOf: url))
    try #require(examples.indices.contains(index), "\(T.eventType) has \(examples.count) examples")
    return examples[index]
}
