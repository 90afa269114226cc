import Foundation
import PMOModel

/// Chartering an approved proposal: the charter carries the approved revision's objectives,
/// scope, deliverables, budget (as the ceiling), target dates, sponsor, the appointed PM, the
/// priority derived from the score, the class and the policy version of the assessment.
///
/// The nominated PM is appointed when the roster lists them as a project manager; otherwise a PM
/// must be appointed first and no charter is issued yet.
public enum Chartering {
    /// What approval leads to.
    public enum Action: Equatable, Sendable {
        /// The charter to issue.
        case charter(ProjectChartered)
        /// A PM must be appointed before the charter; the reason says why.
        case appointmentRequired(reason: String)
        /// The proposal lacks what a charter needs (screening prevents this); the reason says what.
        case incomplete(reason: String)
    }

    /// Charters `proposal` if its nominated PM can be appointed.
    public static func charter(_ proposal: ProposalSubmitted, assessment: AssessmentRecord, policy: PolicyPublished,
                               roster: RosterPublished, appointed: String? = nil, at now: Date) -> Action {
        let nominee = appointed ?? proposal.nominatedProjectManager
        guard roster.members(withRole: .projectManager).contains(where: { $0.personId == nominee }) else {
            let why = roster.member(nominee) == nil ? "is not on roster v\(roster.version)" : "is not a project manager on roster v\(roster.version)"
            return .appointmentRequired(reason: "the nominated project manager \(nominee) \(why): a project manager must be appointed before the charter is issued")
        }
        guard let scope = proposal.scope, let budget = proposal.budgetEstimate,
              let start = proposal.targetStart, let finish = proposal.targetFinish, !proposal.deliverables.isEmpty else {
            return .incomplete(reason: "the approved revision lacks scope, deliverables, budget or dates")
        }
        var objectives = proposal.objectives
        if objectives.isEmpty {
            objectives = policy.strategicObjectives.filter { proposal.strategicObjectives.contains($0.objectiveId) }
                .map { "Contribute to \($0.objectiveId): \($0.title)" }
        }
        guard !objectives.isEmpty else { return .incomplete(reason: "the approved revision has no objectives") }
        return .charter(ProjectChartered(
            projectId: proposal.projectId, title: proposal.title, proposalRevision: proposal.revision, charteredAt: now,
            policyVersion: assessment.policyVersion, objectives: objectives, strategicObjectives: proposal.strategicObjectives,
            scope: scope, deliverables: proposal.deliverables, budgetCeiling: budget, targetStart: start, targetFinish: finish,
            sponsor: proposal.sponsor, projectManager: nominee,
            priority: PriorityBands.priority(forScore: assessment.totalScore),
            classification: assessment.classification, departmentsInvolved: proposal.departmentsInvolved))
    }
}
