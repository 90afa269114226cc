import PMOModel
import ServiceRuntime

/// One input of the intake process for a project: a proposal revision or a department review,
/// with where it came from.
public enum IntakeInput: Codable, Sendable, Equatable {
    /// A proposal submitted or resubmitted.
    case proposal(ProposalSubmitted, InputOrigin)
    /// A department review of a proposal revision.
    case review(ReviewSubmitted, InputOrigin)
    /// The sponsor withdraws the proposal.
    case withdrawal(ProposalWithdrawn, InputOrigin)
    /// The sponsor asks to park the proposal until a date.
    case deferral(DeferralRequested, InputOrigin)
    /// The sponsor appeals a rejection.
    case appeal(AppealSubmitted, InputOrigin)
    /// The PMO head rules on an appeal.
    case appealRuling(AppealDecided, InputOrigin)
    /// The PMO appoints the project manager of an approved proposal.
    case appointment(ProjectManagerAppointed, InputOrigin)

    /// `event` as an intake input with `origin`, or `nil` for an event intake does not take in
    /// (the reference data, intake's own outputs).
    public init?(_ event: any PMOEvent, origin: InputOrigin) {
        switch event {
        case let proposal as ProposalSubmitted: self = .proposal(proposal, origin)
        case let review as ReviewSubmitted: self = .review(review, origin)
        case let withdrawal as ProposalWithdrawn: self = .withdrawal(withdrawal, origin)
        case let deferral as DeferralRequested: self = .deferral(deferral, origin)
        case let appeal as AppealSubmitted: self = .appeal(appeal, origin)
        case let ruling as AppealDecided: self = .appealRuling(ruling, origin)
        case let appointment as ProjectManagerAppointed: self = .appointment(appointment, origin)
        default: return nil
        }
    }

    /// Where the input came from.
    public var origin: InputOrigin {
        switch self {
        case .proposal(_, let origin), .review(_, let origin), .withdrawal(_, let origin), .deferral(_, let origin),
             .appeal(_, let origin), .appealRuling(_, let origin), .appointment(_, let origin): origin
        }
    }
}
