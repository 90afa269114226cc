import Foundation
import PMOModel

/// The PMO's process times for one project, from the intake, planning and change events
/// monitoring reads; the register carries them as totals and counts (``ProjectCycleTimes``) so
/// that the portfolio averages are exact sums.
///
/// - **Intake cycle:** from the first assessment of the proposal (intake assesses a proposal when
///   it arrives) to the first gate decision (approved or rejected; returns for revision and
///   refusals are not decisions).
/// - **Plan review:** per plan revision, from its review (planning reviews a plan when it
///   arrives) to its gate decision (approved, rejected or returned for revision).
/// - **Change decision:** per change request revision, from its assessment to its gate decision.
///
/// Days are calendar days from one instant to the other (fractions included), rounded to 4
/// decimals; a decision before its start (clock skew) counts 0.
public struct CycleTimes: Codable, Sendable, Equatable {
    /// When the proposal was first assessed.
    public var intakeStartedAt: Date?
    /// The intake cycle in days, once decided.
    public var intakeCycleDays: Double?
    /// When each plan revision was reviewed, until it is decided.
    public var planReviewStarted: [Int: Date] = [:]
    /// The review days of each decided plan revision.
    public var planReviewDays: [Int: Double] = [:]
    /// When each change request revision (`CR-…/r`) was assessed, until it is decided.
    public var changeStarted: [String: Date] = [:]
    /// The decision days of each decided change request revision.
    public var changeDecisionDays: [String: Double] = [:]

    /// Nothing measured yet.
    public init() {}

    /// Applies one input; returns whether anything changed.
    public mutating func apply(_ input: MonitoringInput) -> Bool {
        let before = self
        switch input {
        case .intakeAssessment(let assessment):
            if intakeStartedAt.map({ assessment.assessedAt < $0 }) ?? true { intakeStartedAt = assessment.assessedAt }
        case .intakeDecision(let decision) where decision.outcome == .approved || decision.outcome == .rejected:
            if intakeCycleDays == nil, let start = intakeStartedAt { intakeCycleDays = Self.days(from: start, to: decision.decidedAt) }
        case .planReview(let review):
            if planReviewDays[review.planRevision] == nil, planReviewStarted[review.planRevision] == nil {
                planReviewStarted[review.planRevision] = review.reviewedAt
            }
        case .planDecision(let decision) where decision.outcome != .refused:
            if let start = planReviewStarted.removeValue(forKey: decision.planRevision) {
                planReviewDays[decision.planRevision] = Self.days(from: start, to: decision.decidedAt)
            }
        case .changeAssessment(let assessment):
            let key = "\(assessment.changeRequestId)/\(assessment.changeRequestRevision)"
            if changeDecisionDays[key] == nil, changeStarted[key] == nil { changeStarted[key] = assessment.assessedAt }
        case .changeDecision(let decision) where decision.outcome != .refused:
            let key = "\(decision.changeRequestId)/\(decision.changeRequestRevision)"
            if let start = changeStarted.removeValue(forKey: key) {
                changeDecisionDays[key] = Self.days(from: start, to: decision.decidedAt)
            }
        default:
            break
        }
        return self != before
    }

    /// The register's view: totals and counts.
    public var projectCycleTimes: ProjectCycleTimes {
        ProjectCycleTimes(
            intakeCycleDays: intakeCycleDays,
            planReviewDaysTotal: Self.sum(planReviewDays.values), planReviewsDecided: planReviewDays.count,
            changeDecisionDaysTotal: Self.sum(changeDecisionDays.values), changeDecisions: changeDecisionDays.count)
    }

    /// Days from `start` to `end`, rounded to 4 decimals, never negative.
    static func days(from start: Date, to end: Date) -> Double {
        (max(0, end.timeIntervalSince(start)) / 86_400 * 10_000).rounded() / 10_000
    }

    /// The sum in a fixed order, rounded to 4 decimals (so it does not depend on dictionary order).
    static func sum(_ values: some Collection<Double>) -> Double {
        // Nothing to add (the usual case: the register entry reads this after every input).
        guard !values.isEmpty else { return 0 }
        let total = values.sorted().reduce(Decimal(0)) { $0 + (Decimal(shortest: $1) ?? 0) }
        return Double(truncating: NSDecimalNumber(decimal: total))
    }
}
