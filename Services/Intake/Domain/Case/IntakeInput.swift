import PMOModel
import ServiceRuntime

/// One input of the intake process for a project: a proposal revision or a department review,
/// with where it came from.
public enum IntakeInput: Codable, Sendable, Equatable {
    /// A proposal submitted or resubmitted.
    case proposal(ProposalSubmitted, InputOrigin)
    /// A department review of a proposal revision.
    case review(ReviewSubmitted, InputOrigin)

    /// Where the input came from.
    public var origin: InputOrigin {
        switch self {
        case .proposal(_, let origin), .review(_, let origin): origin
        }
    }
}
