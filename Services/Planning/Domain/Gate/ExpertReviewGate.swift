import Foundation
import PMOModel

/// The expert review of one plan revision: who may give a verdict, how many are needed, and what
/// the verdicts decide.
///
/// - An expert is a roster member with the `expert` role; anyone else is refused, and so is a
///   second verdict from the same expert or a verdict on another revision. A refusal changes
///   nothing.
/// - The first rejection decides at once: the plan is rejected with the experts' findings.
/// - Otherwise the gate waits for `verdictsRequired` verdicts; if one of them asks for a revision
///   the plan is returned with the experts' findings, else it is approved.
public struct ExpertReviewGate: Codable, Sendable, Equatable {
    /// The plan revision under review, kept whole: its baseline is what approval sets.
    public var plan: PlanSubmitted
    /// The policy version the planning review was made under; the decision records it.
    public var policyVersion: Int
    /// Verdicts needed before the decision (the policy's, at least one).
    public var verdictsRequired: Int
    /// Why the expert review is required.
    public var reason: String
    /// The review's advisory findings, passed on with the decision.
    public var advisoryFindings: [PlanFinding]
    /// When the expert review was requested (the review's time).
    public var requestedAt: Date
    /// The verdicts counted so far, in arrival order.
    public var verdicts: [ExpertReviewSubmitted]
    /// How many reminders have been issued for this revision (one per reminder period).
    public var remindersIssued: Int

    /// A gate for `plan`, opened at `requestedAt`.
    public init(plan: PlanSubmitted, policyVersion: Int, verdictsRequired: Int, reason: String,
                advisoryFindings: [PlanFinding] = [], requestedAt: Date, verdicts: [ExpertReviewSubmitted] = [],
                remindersIssued: Int = 0) {
        self.plan = plan
        self.policyVersion = policyVersion
        self.verdictsRequired = max(1, verdictsRequired)
        self.reason = reason
        self.advisoryFindings = advisoryFindings
        self.requestedAt = requestedAt
        self.verdicts = verdicts
        self.remindersIssued = remindersIssued
    }

    /// The revision under review.
    public var revision: Int { plan.revision }

    /// What a verdict leads to.
    public enum Action: Equatable, Sendable {
        /// The verdict is not counted; the reason says why.
        case refuse(reason: String)
        /// Counted; more verdicts are needed.
        case wait
        /// An expert rejected the plan (the deciding verdicts).
        case reject([ExpertReviewSubmitted])
        /// All verdicts are in and at least one asks for a revision (every verdict).
        case returnForRevision([ExpertReviewSubmitted])
        /// All verdicts are in and approve (every verdict).
        case approve([ExpertReviewSubmitted])
    }

    /// Counts `review` if its expert may give it, and says what follows.
    public mutating func receive(_ review: ExpertReviewSubmitted, roster: RosterPublished) -> Action {
        guard review.planRevision == revision else {
            return .refuse(reason: "revision \(review.planRevision) of \(review.projectId) is not under expert review; revision \(revision) is")
        }
        guard let member = roster.member(review.expert) else {
            return .refuse(reason: "\(review.expert) is not on roster v\(roster.version); only the roster's experts review plans")
        }
        guard member.roles.contains(.expert) else {
            return .refuse(reason: "\(review.expert) is not an expert on roster v\(roster.version); only the roster's experts review plans")
        }
        if verdicts.contains(where: { $0.expert == review.expert }) {
            return .refuse(reason: "\(review.expert) has already given a verdict on revision \(revision) of \(review.projectId); one verdict per expert")
        }
        verdicts.append(review)
        if review.verdict == .reject { return .reject([review]) }
        guard verdicts.count >= verdictsRequired else { return .wait }
        if verdicts.contains(where: { $0.verdict == .revise }) { return .returnForRevision(verdicts) }
        return .approve(verdicts)
    }

    /// The roster's experts who have not given a verdict yet, in roster order.
    public func pendingExperts(on roster: RosterPublished) -> [String] {
        roster.members(withRole: .expert).map(\.personId).filter { expert in !verdicts.contains { $0.expert == expert } }
    }
}
