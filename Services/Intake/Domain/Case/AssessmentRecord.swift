import Foundation
import PMOModel

/// What intake keeps of the preliminary assessment of the current revision: what the review gate,
/// the reminders and the charter need later.
public struct AssessmentRecord: Codable, Sendable, Equatable {
    /// The policy version the revision was assessed under; its decisions and charter record it.
    public var policyVersion: Int
    /// The weighted total score.
    public var totalScore: Double
    /// Standard, complex or major.
    public var classification: ProjectClassification
    /// When the department reviews were requested (the assessment's time).
    public var reviewsRequestedAt: Date

    /// A record of an assessment.
    public init(policyVersion: Int, totalScore: Double, classification: ProjectClassification, reviewsRequestedAt: Date) {
        self.policyVersion = policyVersion
        self.totalScore = totalScore
        self.classification = classification
        self.reviewsRequestedAt = reviewsRequestedAt
    }
}
