import PMOModel

/// The department review gate of one proposal revision.
///
/// A review counts only if it names the current revision, its reviewer is on the roster as a
/// department reviewer of the department it is for, that department's review is required, and
/// the department has not reviewed this revision yet, and the reviewer is neither the proposal's
/// sponsor nor its nominated PM (segregation of duties: nobody reviews their own proposal);
/// anything else is refused with a reason.
/// One reject rejects the proposal at once. Once every required department has reviewed, any
/// revise returns it for revision with every finding merged; otherwise it is approved.
public struct ReviewGate: Codable, Sendable, Equatable {
    /// The revision under review.
    public var revision: Int
    /// The departments whose review is required, in the policy's order.
    public var requiredDepartments: [String]
    /// The reviews that counted, in arrival order.
    public var reviews: [ReviewSubmitted]

    /// A gate for `revision` waiting for `requiredDepartments`.
    public init(revision: Int, requiredDepartments: [String], reviews: [ReviewSubmitted] = []) {
        self.revision = revision
        self.requiredDepartments = requiredDepartments
        self.reviews = reviews
    }

    /// What a review leads to.
    public enum Action: Equatable, Sendable {
        /// The review does not count; the reason says why.
        case refuse(reason: String)
        /// The review counted; these departments are still to review.
        case wait(pending: [String])
        /// A department rejected the proposal.
        case reject(deciding: [ReviewSubmitted])
        /// Every department reviewed and at least one asked for a revision; all findings merged.
        case returnForRevision(deciding: [ReviewSubmitted], findings: [ProposalFinding])
        /// Every required department approved.
        case approve(deciding: [ReviewSubmitted])
    }

    /// The required departments that have not reviewed yet.
    public var pendingDepartments: [String] {
        let reviewed = Set(reviews.map(\.department))
        return requiredDepartments.filter { !reviewed.contains($0) }
    }

    /// Takes in `review` of `proposal`, checking it against `roster`.
    public mutating func receive(_ review: ReviewSubmitted, of proposal: ProposalSubmitted, roster: RosterPublished) -> Action {
        let department = review.department
        guard review.proposalRevision == revision else {
            return .refuse(reason: "the review is for revision \(review.proposalRevision) but the current revision of \(review.projectId) is \(revision); reviews must name the current revision")
        }
        guard let member = roster.member(review.reviewer) else {
            return .refuse(reason: "\(review.reviewer) is not on roster v\(roster.version); only the roster's department reviewers can review proposals")
        }
        guard requiredDepartments.contains(department) else {
            return .refuse(reason: "no \(department) review is required for \(review.projectId) (required: \(requiredDepartments.joined(separator: ", ")))")
        }
        guard member.department == department, member.roles.contains(.departmentReviewer) else {
            let held = member.roles.contains(.departmentReviewer)
                ? "reviews for \(member.department)"
                : "does not hold the department-reviewer role"
            return .refuse(reason: "\(review.reviewer) is not a \(department) reviewer on roster v\(roster.version) (\(review.reviewer) \(held))")
        }
        if review.reviewer == proposal.sponsor {
            return .refuse(reason: "\(review.reviewer) sponsors \(review.projectId) and may not review it (segregation of duties: nobody reviews their own proposal)")
        }
        if review.reviewer == proposal.nominatedProjectManager {
            return .refuse(reason: "\(review.reviewer) is the nominated project manager of \(review.projectId) and may not review it (segregation of duties: nobody reviews their own proposal)")
        }
        if let earlier = reviews.first(where: { $0.department == department }) {
            return .refuse(reason: "\(department) already reviewed revision \(revision) (\(earlier.reviewer): \(earlier.verdict.rawValue)); a department reviews a revision once")
        }
        reviews.append(review)
        if review.verdict == .reject {
            return .reject(deciding: [review])
        }
        let pending = pendingDepartments
        guard pending.isEmpty else { return .wait(pending: pending) }
        let revisers = reviews.filter { $0.verdict == .revise }
        if !revisers.isEmpty {
            return .returnForRevision(deciding: revisers, findings: mergedFindings)
        }
        return .approve(deciding: reviews)
    }

    /// Every finding of the counted reviews, in arrival order, without repeats.
    public var mergedFindings: [ProposalFinding] {
        var merged: [ProposalFinding] = []
        for finding in reviews.flatMap(\.findings) where !merged.contains(finding) {
            merged.append(finding)
        }
        return merged
    }
}
