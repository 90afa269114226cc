import Foundation
import PMOModel

/// The dashboard's in-memory view of the portfolio, folded from the aggregated topics: the
/// register, the summary, health, alerts, escalations, resource conflicts, and every decision
/// and baseline for each project's history.
///
/// A plain value: ``apply(_:)`` takes one decoded event at a time and the order they come in
/// does not matter (the latest register entry, summary and health per period win by their own
/// times; a closing that arrives before its alert still closes it), nor do duplicates (an event
/// seen before, by `ce_source` and `ce_id`, changes nothing). So any number of dashboard
/// instances reading the same topics show the same view.
public struct PortfolioView: Equatable, Sendable {
    /// Every project seen, by id.
    public private(set) var projects: [String: ProjectView] = [:]
    /// The latest portfolio summary (by `publishedAt`).
    public private(set) var summary: PortfolioSummaryPublished?
    /// Resource conflicts detected, by resource and period.
    public private(set) var conflictsDetected: [ConflictKey: ResourceConflictDetected] = [:]
    /// Resource conflicts resolved, by resource and period.
    public private(set) var conflictsResolved: [ConflictKey: ResourceConflictResolved] = [:]
    /// Events applied, so that a redelivered one changes nothing.
    private var applied: Set<EventIdentity> = []

    public init() {}

    /// A resource's overload in one period.
    public struct ConflictKey: Hashable, Sendable, Comparable {
        public var resourceId: String
        public var periodStart: CalendarDate

        public static func < (lhs: ConflictKey, rhs: ConflictKey) -> Bool {
            (lhs.resourceId, lhs.periodStart) < (rhs.resourceId, rhs.periodStart)
        }
    }

    /// Conflicts detected and not resolved since, by resource and period.
    public var openConflicts: [ResourceConflictDetected] {
        conflictsDetected.filter { key, detected in
            guard let resolved = conflictsResolved[key] else { return true }
            return resolved.resolvedAt < detected.detectedAt
        }.sorted { $0.key < $1.key }.map(\.value)
    }

    /// Folds one event into the view. Returns `false` for a duplicate and for an event type the
    /// dashboard does not show, which leave the view as it was.
    @discardableResult
    public mutating func apply(_ decoded: DecodedEvent) -> Bool {
        guard !applied.contains(decoded.attributes.identity) else { return false }
        let changed = fold(decoded.event)
        if changed { applied.insert(decoded.attributes.identity) }
        return changed
    }

    private mutating func fold(_ event: any PMOEvent) -> Bool {
        switch event {
        case let entry as PortfolioEntryUpdated:
            update(entry.projectId) { project in
                if let current = project.entry, current.updatedAt > entry.updatedAt { return }
                project.entry = entry
            }
        case let summary as PortfolioSummaryPublished:
            if let current = self.summary, current.publishedAt > summary.publishedAt { return true }
            self.summary = summary
        case let health as HealthAssessedV2:
            update(health.projectId) { project in
                if let current = project.health[health.asOf], current.assessedAt > health.assessedAt { return }
                project.health[health.asOf] = HealthPoint(health)
            }
        case let report as StatusReported:
            update(report.projectId) { project in
                for milestone in report.milestonesReached {
                    let known = project.milestonesReached[milestone.milestoneId]
                    if known == nil || milestone.reachedOn < known! { project.milestonesReached[milestone.milestoneId] = milestone.reachedOn }
                }
                if let current = project.latestReport,
                   (current.periodEnd, current.reportedAt) > (report.periodEnd, report.reportedAt) { return }
                project.latestReport = report
            }
        case let alert as AlertRaised:
            update(alert.projectId) { project in
                project.alertsRaised[alert.alertId] = alert
                project.record(AuditEntry(at: alert.raisedAt, process: .monitoring,
                                          title: "alert \(alert.alertId) raised (\(alert.kind.rawValue), \(alert.severity.rawValue))",
                                          decidedBy: ["PMO monitoring", "assigned to \(alert.assignee)"],
                                          reasons: [alert.summary] + (alert.requiredAction.map { ["corrective action: \($0)"] } ?? []),
                                          policyVersion: alert.policyVersion))
            }
        case let closed as AlertClosed:
            update(closed.projectId) { project in
                project.alertsClosed[closed.alertId] = closed
                project.record(AuditEntry(at: closed.closedAt, process: .monitoring, title: "alert \(closed.alertId) closed",
                                          decidedBy: ["PMO monitoring"], reasons: [closed.reason], policyVersion: closed.policyVersion))
            }
        case let escalation as EscalationRaised:
            update(escalation.projectId) { project in
                project.escalationsRaised[escalation.escalationId] = escalation
                project.record(AuditEntry(at: escalation.raisedAt, process: .monitoring,
                                          title: "escalation \(escalation.escalationId) raised (\(escalation.kind.rawValue))",
                                          decidedBy: ["PMO monitoring", "escalated to " + escalation.escalateTo.joined(separator: ", ")],
                                          reasons: [escalation.description], policyVersion: escalation.policyVersion))
            }
        case let resolved as EscalationResolved:
            update(resolved.projectId) { project in
                project.escalationsResolved[resolved.escalationId] = resolved
                project.record(AuditEntry(at: resolved.resolvedAt, process: .monitoring, title: "escalation \(resolved.escalationId) resolved",
                                          decidedBy: ["PMO monitoring"], reasons: [resolved.reason], policyVersion: resolved.policyVersion))
            }
        case let conflict as ResourceConflictDetected:
            let key = ConflictKey(resourceId: conflict.resourceId, periodStart: conflict.periodStart)
            if let current = conflictsDetected[key], current.detectedAt > conflict.detectedAt { return true }
            conflictsDetected[key] = conflict
        case let resolved as ResourceConflictResolved:
            let key = ConflictKey(resourceId: resolved.resourceId, periodStart: resolved.periodStart)
            if let current = conflictsResolved[key], current.resolvedAt > resolved.resolvedAt { return true }
            conflictsResolved[key] = resolved
        case let charter as ProjectChartered:
            update(charter.projectId) { project in
                project.charter = charter
                project.record(AuditEntry(at: charter.charteredAt, process: .intake, title: "chartered, PM \(charter.projectManager)",
                                          decidedBy: [charter.sponsor], policyVersion: charter.policyVersion))
            }
        case let baselined as ProjectBaselined:
            update(baselined.projectId) { project in
                project.baselines[baselined.baselineRevision] = (baselined.baseline, baselined.baselinedAt)
                project.record(AuditEntry(at: baselined.baselinedAt, process: .planning,
                                          title: "baseline r\(baselined.baselineRevision) from plan r\(baselined.planRevision)",
                                          policyVersion: baselined.policyVersion))
            }
        case let rebaselined as ProjectRebaselined:
            update(rebaselined.projectId) { project in
                project.baselines[rebaselined.baselineRevision] = (rebaselined.baseline, rebaselined.rebaselinedAt)
                project.record(AuditEntry(at: rebaselined.rebaselinedAt, process: .change,
                                          title: "baseline r\(rebaselined.baselineRevision) (was r\(rebaselined.previousBaselineRevision)) from \(rebaselined.changeRequestId) r\(rebaselined.changeRequestRevision)",
                                          policyVersion: rebaselined.policyVersion))
            }
        case let assessment as AssessmentCompleted:
            update(assessment.projectId) { $0.intakeAssessments[assessment.proposalRevision] = assessment }
        case let review as PlanReviewCompleted:
            update(review.projectId) { $0.planReviews[review.planRevision] = review }
        case let assessment as ChangeAssessmentCompleted:
            update(assessment.projectId) { $0.changeAssessments["\(assessment.changeRequestId)#\(assessment.changeRequestRevision)"] = assessment }
        case let decision as IntakeDecisionMade:
            update(decision.projectId) { project in
                if decision.outcome.decidesTheRevision { project.intakeDecided.insert(decision.proposalRevision) }
                if decision.outcome != .refused,
                   (project.latestIntakeDecision.map { ($0.decidedAt, $0.proposalRevision) < (decision.decidedAt, decision.proposalRevision) } ?? true) {
                    project.latestIntakeDecision = decision
                }
                project.record(AuditEntry(at: decision.decidedAt, process: .intake,
                                          title: "proposal r\(decision.proposalRevision) \(decision.outcome.rawValue)",
                                          decidedBy: decision.decidingReviews.map { "\($0.department): \($0.reviewer)" },
                                          reasons: decision.reasons, policyVersion: decision.policyVersion))
            }
        case let decision as PlanDecisionMade:
            update(decision.projectId) { project in
                if decision.outcome.decidesTheRevision { project.planDecided.insert(decision.planRevision) }
                project.record(AuditEntry(at: decision.decidedAt, process: .planning,
                                          title: "plan r\(decision.planRevision) \(decision.outcome.rawValue)",
                                          decidedBy: decision.expertReviews.map(\.expert),
                                          reasons: decision.reasons, policyVersion: decision.policyVersion))
            }
        case let decision as ChangeDecisionMade:
            update(decision.projectId) { project in
                if decision.outcome.decidesTheRevision {
                    project.changeDecided.insert("\(decision.changeRequestId)#\(decision.changeRequestRevision)")
                }
                project.record(AuditEntry(at: decision.decidedAt, process: .change,
                                          title: "\(decision.changeRequestId) r\(decision.changeRequestRevision) \(decision.outcome.rawValue) by the \(decision.decidedBy.rawValue)",
                                          decidedBy: decision.votes.map { "\($0.voter): \($0.vote.rawValue)" },
                                          reasons: decision.reasons, policyVersion: decision.policyVersion))
            }
        default:
            return false
        }
        return true
    }

    private mutating func update(_ projectId: String, _ change: (inout ProjectView) -> Void) {
        change(&projects[projectId, default: ProjectView(projectId: projectId)])
    }
}

extension ProjectView {
    /// Adds a decision to the trail in its time order.
    mutating func record(_ entry: AuditEntry) {
        let position = audit.firstIndex { entry < $0 } ?? audit.endIndex
        audit.insert(entry, at: position)
    }
}

extension DecisionOutcome {
    /// Whether the decision settles the revision it names: a refusal turns away one input (a
    /// review by someone not on the roster, say) and a deferral postpones, so after either the
    /// revision still waits on people.
    var decidesTheRevision: Bool { self != .refused && self != .deferred }
}
