import PMOModel
import ServiceRuntime

/// One input of the planning review for a project: its charter, a plan revision or an expert's
/// verdict, with where it came from.
public enum PlanningInput: Codable, Sendable, Equatable {
    /// The project's charter, from intake.
    case charter(ProjectChartered, InputOrigin)
    /// A plan revision submitted by the PM.
    case plan(PlanSubmitted, InputOrigin)
    /// An expert's review of a plan revision.
    case expertReview(ExpertReviewSubmitted, InputOrigin)

    /// Where the input came from.
    public var origin: InputOrigin {
        switch self {
        case .charter(_, let origin), .plan(_, let origin), .expertReview(_, let origin): origin
        }
    }

    /// The project the input is about (the record key).
    public var projectId: String {
        switch self {
        case .charter(let charter, _): charter.projectId
        case .plan(let plan, _): plan.projectId
        case .expertReview(let review, _): review.projectId
        }
    }

    /// True for a charter, which is never refused.
    public var isCharter: Bool {
        if case .charter = self { return true }
        return false
    }
}
