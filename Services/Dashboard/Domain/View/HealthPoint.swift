import Foundation
import PMOModel

/// One measured status report of a project as the dashboard draws it: a point of the S-curve
/// (PV, EV, AC at the report's date) and of the index charts (SPI, CPI, SPI(t)).
public struct HealthPoint: Equatable, Sendable, Encodable {
    /// The period end the report was measured at.
    public var asOf: CalendarDate
    /// The baseline revision it was measured against (`nil`: no baseline yet).
    public var baselineRevision: Int?
    /// The earned-value figures, `nil` for a report without a baseline.
    public var figures: EarnedValueMeasures?
    /// The earned-schedule figures.
    public var schedule: EarnedScheduleMeasures?
    /// RAG per dimension and overall.
    public var ratings: HealthRatings?
    /// When monitoring assessed it: a corrected report for the same period replaces the earlier.
    public var assessedAt: Date

    public init(_ health: HealthAssessedV2) {
        asOf = health.asOf
        baselineRevision = health.baselineRevision
        figures = health.figures
        schedule = health.schedule
        ratings = health.ratings
        assessedAt = health.assessedAt
    }
}
