/// A criterion's score from 0 to 100 and the one line that explains it.
public struct CriterionResult: Equatable, Sendable {
    /// The score, 0 to 100.
    public var score: Double
    /// One line explaining the score.
    public var reason: String

    /// A result; the score is clamped to 0...100 and rounded to one decimal.
    public init(score: Double, reason: String) {
        self.score = (min(100, max(0, score)) * 10).rounded() / 10
        self.reason = reason
    }
}
