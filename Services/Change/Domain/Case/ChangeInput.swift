import PMOModel
import ServiceRuntime

/// One input of change control for a project: its charter, its first baseline, a re-baseline, a
/// change request revision or a vote, with where it came from.
public enum ChangeInput: Codable, Sendable, Equatable {
    /// The project's charter, from intake: who the PM and the sponsor are.
    case charter(ProjectChartered, InputOrigin)
    /// The project's first baseline, from planning.
    case baselined(ProjectBaselined, InputOrigin)
    /// A re-baseline change control published (read back for the baseline in force).
    case rebaselined(ProjectRebaselined, InputOrigin)
    /// A change request revision.
    case request(ChangeRequestSubmitted, InputOrigin)
    /// A vote: a CCB member's, or the deciding vote of the PM or of the sponsor.
    case vote(VoteCast, InputOrigin)

    /// Where the input came from.
    public var origin: InputOrigin {
        switch self {
        case .charter(_, let origin), .baselined(_, let origin), .rebaselined(_, let origin),
             .request(_, let origin), .vote(_, let origin): origin
        }
    }

    /// The project the input is about (the record key).
    public var projectId: String {
        switch self {
        case .charter(let charter, _): charter.projectId
        case .baselined(let baseline, _): baseline.projectId
        case .rebaselined(let baseline, _): baseline.projectId
        case .request(let request, _): request.projectId
        case .vote(let vote, _): vote.projectId
        }
    }
}
