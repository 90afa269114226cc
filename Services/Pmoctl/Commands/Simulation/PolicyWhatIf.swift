import Foundation
import Intake
import PMOModel

/// How one service's decisions would change under a candidate policy: the recorded inputs
/// replayed through the service's own rules under the policy in force and under the candidate,
/// compared project by project. Intake's rules are the first to join (``intake(current:candidate:currentPolicy:candidatePolicy:)``);
/// another service's replay yields the same report.
public struct PolicyWhatIf: Sendable, Equatable {
    /// One project whose outcome, class or required reviews would change.
    public struct Change: Sendable, Equatable {
        /// The project.
        public var projectId: String
        /// Where it stands under the policy in force.
        public var before: String
        /// Where it would stand under the candidate.
        public var after: String
        /// Why, in plain words.
        public var why: [String]
    }

    /// The service whose rules were replayed, e.g. `intake`.
    public var service: String
    /// The policy versions compared.
    public var currentVersion: Int
    /// The candidate's version.
    public var candidateVersion: Int
    /// How many projects the recorded inputs cover.
    public var projects: Int
    /// The projects that would change, by project id.
    public var changes: [Change]

    /// How many projects move from one outcome to another, e.g. `rejected → under-review: 2`.
    public var transitions: [(String, Int)] {
        var counts: [String: Int] = [:]
        for change in changes { counts["\(change.before.outcomeWord) → \(change.after.outcomeWord)", default: 0] += 1 }
        return counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { ($0.key, $0.value) }
    }

    /// Intake's report: per project, the outcome (the last decision that is not a refusal, or the
    /// phase when undecided), the class and the required reviews under each policy.
    public static func intake(current: [String: IntakeSimulation.ProjectResult], candidate: [String: IntakeSimulation.ProjectResult],
                              currentPolicy: PolicyPublished, candidatePolicy: PolicyPublished) -> PolicyWhatIf {
        let projects = Set(current.keys).union(candidate.keys).sorted()
        var changes: [Change] = []
        for project in projects {
            let before = current[project] ?? IntakeSimulation.ProjectResult()
            let after = candidate[project] ?? IntakeSimulation.ProjectResult()
            let beforeText = describe(before)
            let afterText = describe(after)
            guard beforeText != afterText else { continue }
            var why: [String] = []
            if let old = before.assessment, let new = after.assessment, let oldTotal = old.totalScore, let newTotal = new.totalScore {
                why.append("total \(EventGist.number(oldTotal)) → \(EventGist.number(newTotal)) (threshold \(EventGist.number(old.approvalThreshold)) → \(EventGist.number(new.approvalThreshold)))")
            }
            if let decision = after.decision {
                why += decision.reasons.prefix(2)
            } else if let assessment = after.assessment {
                why += assessment.gateFindings.prefix(2)
                if let override = assessment.mandateOverride { why.append(override) }
            }
            changes.append(Change(projectId: project, before: beforeText, after: afterText, why: why))
        }
        return PolicyWhatIf(service: "intake", currentVersion: currentPolicy.version, candidateVersion: candidatePolicy.version,
                            projects: projects.count, changes: changes)
    }

    /// `rejected on its score (score 58.5, standard)`, `rejected by finance (score 79.2, standard, reviews business, …)`,
    /// `under-review (score 72, major, reviews business, technical, …)`.
    static func describe(_ result: IntakeSimulation.ProjectResult) -> String {
        var outcome = result.decision?.outcome.rawValue ?? result.phase?.rawValue ?? "not assessed"
        if let decision = result.decision, !decision.decidingReviews.isEmpty {
            outcome += " by " + decision.decidingReviews.map(\.department).joined(separator: ", ")
        } else if let decision = result.decision, decision.outcome == .rejected, result.assessment?.recommendation == .reject {
            outcome += result.assessment?.gateFindings.isEmpty == false ? " on a hard limit" : " on its score"
        }
        guard let assessment = result.assessment else { return outcome }
        var details: [String] = []
        if let total = assessment.totalScore { details.append("score \(EventGist.number(total))") }
        if let classification = assessment.classification { details.append(classification.rawValue) }
        if !assessment.requiredReviewDepartments.isEmpty {
            details.append("reviews " + assessment.requiredReviewDepartments.joined(separator: ", "))
        }
        return details.isEmpty ? outcome : "\(outcome) (\(details.joined(separator: ", ")))"
    }

    /// The report as lines people read.
    public var lines: [String] {
        var lines = ["\(service) under policy v\(candidateVersion) instead of v\(currentVersion): \(changes.count) of \(projects) project\(projects == 1 ? "" : "s") would change"]
        for (transition, count) in transitions { lines.append("  \(transition): \(count)") }
        for change in changes {
            lines.append("\(change.projectId): \(change.before) → \(change.after)")
            lines += change.why.map { "    \($0)" }
        }
        return lines
    }
}

extension String {
    /// The outcome word of a described result: `rejected (score 58.5)` → `rejected`.
    fileprivate var outcomeWord: String { String(prefix { $0 != " " }) }
}
