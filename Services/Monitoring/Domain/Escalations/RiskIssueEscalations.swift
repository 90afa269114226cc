import Foundation
import PMOModel

/// The escalations of a project's major risks and cross-department issues. A plain state
/// machine: ``receive(_:project:asOf:at:policy:people:numbering:)`` takes a report's risk
/// register and issues and returns the events to publish.
///
/// - A **major risk** is an `open` or `mitigating` risk whose probability × impact reaches the
///   policy's `riskEscalationScore` (decimal, as ``RiskRating`` scores it).
/// - A **cross-department issue** is an issue that involves two or more departments or needs a
///   decision above the project.
///
/// Each is escalated **once** (`ES-n`, numbered with the project's other escalations) while a
/// report shows it; the departments to coordinate are its `departmentsInvolved`, with the risk
/// owner's department for a risk (from the roster), or `pmo` when none is known; it goes to the
/// PMO analysts and the sponsor (the project manager when the roster names neither). A later
/// report that no longer shows it (the risk is gone, closed, occurred or below the score; the
/// issue is gone or no longer crosses departments or needs a decision) **resolves** it.
public struct RiskIssueEscalations: Codable, Sendable, Equatable {
    /// The open escalations by subject: `risk/R-2` or `issue/I-4`.
    public var open: [String: EscalationRaised] = [:]

    /// No open escalation.
    public init(open: [String: EscalationRaised] = [:]) {
        self.open = open
    }

    /// Who receives escalations and where risk owners work.
    public struct People: Sendable {
        /// The roster, for the department of a risk's owner.
        public var roster: RosterPublished
        /// The project's sponsor, when its charter is known.
        public var sponsor: String?
        /// The project's manager.
        public var projectManager: String

        /// People from the roster: its PMO analysts and `sponsor`, or `projectManager` when both are missing.
        public init(roster: RosterPublished, sponsor: String?, projectManager: String) {
            self.roster = roster
            self.sponsor = sponsor
            self.projectManager = projectManager
        }

        /// Escalations go to these people (PMO analysts, then the sponsor). Read from the roster
        /// when an escalation is raised, not at every status report.
        public var escalateTo: [String] {
            var people = roster.members.compactMap { $0.roles.contains(.pmoAnalyst) ? $0.personId : nil }
            if let sponsor, !people.contains(sponsor) { people.append(sponsor) }
            return people.isEmpty ? [projectManager] : people
        }
    }

    /// Evaluates one report's risks and issues (status date `asOf`) against the open escalations.
    public mutating func receive(_ report: StatusReported, project projectId: String, asOf: CalendarDate, at now: Date,
                                 policy: PolicyPublished, people: People, numbering: inout AlertNumbering) -> [any PMOEvent] {
        let escalationScore = policy.monitoring.riskEscalationScore
        var current: [(subject: String, make: (String) -> EscalationRaised)] = []
        for risk in report.risks where RiskRating.counts(risk) && RiskRating.reaches(risk, escalationScore) {
            let score = RiskRating.score(risk)
            let threshold = Decimal(shortest: escalationScore) ?? 0
            var departments = risk.departmentsInvolved
            if let owner = people.roster.members.first(where: { $0.personId == risk.owner })?.department, !departments.contains(owner) { departments.append(owner) }
            current.append(("risk/\(risk.riskId)", { id in
                EscalationRaised(
                    projectId: projectId, escalationId: id, kind: .majorRisk, subjectId: risk.riskId,
                    description: "Risk \(risk.riskId) (\(risk.description)) scores \(score) (probability \(risk.probability) × impact \(risk.impact)), at or above the escalation score \(threshold), at the report of \(asOf).",
                    score: NSDecimalNumber(decimal: score).doubleValue, raisedAt: now, policyVersion: policy.version,
                    departmentsToCoordinate: departments.isEmpty ? ["pmo"] : departments, escalateTo: people.escalateTo)
            }))
        }
        for issue in report.issues where issue.departmentsInvolved.count >= 2 || issue.needsDecision {
            let why = [issue.departmentsInvolved.count >= 2 ? "involves \(issue.departmentsInvolved.joined(separator: ", "))" : nil,
                       issue.needsDecision ? "needs a decision above the project" : nil].compactMap { $0 }.joined(separator: " and ")
            current.append(("issue/\(issue.issueId)", { id in
                EscalationRaised(
                    projectId: projectId, escalationId: id, kind: .crossDepartmentIssue, subjectId: issue.issueId,
                    description: "Issue \(issue.issueId) (\(issue.description)), severity \(issue.severity), \(why), at the report of \(asOf).",
                    raisedAt: now, policyVersion: policy.version,
                    departmentsToCoordinate: issue.departmentsInvolved.isEmpty ? ["pmo"] : issue.departmentsInvolved,
                    escalateTo: people.escalateTo)
            }))
        }
        var events: [any PMOEvent] = []
        let subjects = Set(current.map(\.subject))
        for (subject, escalation) in open.sorted(by: { AlertNumbering.precedes($0.value.escalationId, $1.value.escalationId) })
        where !subjects.contains(subject) {
            open[subject] = nil
            let what = escalation.kind == .majorRisk ? "risk \(escalation.subjectId) is no longer open at or above the escalation score"
                : "issue \(escalation.subjectId) no longer needs several departments or a decision"
            events.append(EscalationResolved(
                projectId: projectId, escalationId: escalation.escalationId, kind: escalation.kind,
                subjectId: escalation.subjectId, resolvedAt: now, policyVersion: policy.version,
                reason: "The report of \(asOf) shows that \(what)."))
        }
        for (subject, make) in current where open[subject] == nil {
            let escalation = make(numbering.escalationId())
            open[subject] = escalation
            events.append(escalation)
        }
        return events
    }
}
