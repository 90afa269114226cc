import Foundation
import PMOModel

/// The pack for the regular PMO meeting (section 2.3 of the standard), for a period: the projects
/// that turned amber or red, the new escalations with the departments to bring in, the corrective
/// actions past their due date, the resource conflicts to settle, and the decisions waiting on
/// people. The page prints it; `/api/meeting` gives the same as JSON.
public struct MeetingPack: Equatable, Sendable, Encodable {
    /// A project whose overall health turned amber or red in the period.
    public struct Turn: Equatable, Sendable, Encodable {
        public var projectId: String
        public var title: String
        public var asOf: CalendarDate
        public var rating: String
        /// The rating before, or "none" for a first measurement.
        public var previous: String
    }

    /// An escalation raised in the period.
    public struct NewEscalation: Equatable, Sendable, Encodable {
        public var projectId: String
        public var escalationId: String
        public var kind: String
        public var description: String
        public var departmentsToBringIn: [String]
        public var escalateTo: [String]
        public var open: Bool
    }

    /// A corrective action past its due date, still open.
    public struct OverdueAction: Equatable, Sendable, Encodable {
        public var projectId: String
        public var alertId: String
        public var action: String
        public var dueOn: CalendarDate
        public var assignee: String
    }

    /// A resource conflict to settle.
    public struct ConflictToSettle: Equatable, Sendable, Encodable {
        public var resourceId: String
        public var periodStart: CalendarDate
        public var periodEnd: CalendarDate
        public var overloadHours: Double
        public var projects: [String]
        public var proposedResolution: String
    }

    public var from: CalendarDate
    public var to: CalendarDate
    public var turnedAmberOrRed: [Turn]
    public var newEscalations: [NewEscalation]
    public var overdueActions: [OverdueAction]
    public var conflictsToSettle: [ConflictToSettle]
    public var waitingDecisions: [WaitingDecision]

    /// The pack of `view` for the days `from` to `to`, both included.
    public init(_ view: PortfolioView, from: CalendarDate, to: CalendarDate) {
        self.from = from
        self.to = to
        let projects = view.projects.values.sorted { $0.projectId < $1.projectId }
        func inPeriod(_ date: CalendarDate) -> Bool { from <= date && date <= to }
        let severity: [RAGStatus: Int] = [.green: 0, .amber: 1, .red: 2]
        turnedAmberOrRed = projects.flatMap { project -> [Turn] in
            var previous: RAGStatus?
            var turns: [Turn] = []
            for point in project.healthHistory {
                guard let rating = point.ratings?.overall else { continue }
                if inPeriod(point.asOf), rating != .green, severity[rating]! > previous.map({ severity[$0]! }) ?? 0 {
                    turns.append(Turn(projectId: project.projectId, title: project.title, asOf: point.asOf,
                                      rating: rating.rawValue, previous: previous?.rawValue ?? "none"))
                }
                previous = rating
            }
            return turns
        }
        newEscalations = projects.flatMap { project in
            project.escalationsRaised.values.filter { inPeriod(CalendarDate(utcDayOf: $0.raisedAt)) }
                .sorted { ($0.raisedAt, $0.escalationId) < ($1.raisedAt, $1.escalationId) }
                .map { NewEscalation(projectId: project.projectId, escalationId: $0.escalationId, kind: $0.kind.rawValue,
                                     description: $0.description, departmentsToBringIn: $0.departmentsToCoordinate,
                                     escalateTo: $0.escalateTo, open: project.escalationsResolved[$0.escalationId] == nil) }
        }
        overdueActions = projects.flatMap { project in
            project.openAlerts.compactMap { alert in
                guard let due = alert.actionDueOn, due < to else { return nil }
                return OverdueAction(projectId: project.projectId, alertId: alert.alertId, action: alert.requiredAction ?? alert.summary,
                                     dueOn: due, assignee: alert.assignee)
            }
        }
        conflictsToSettle = view.openConflicts.map {
            ConflictToSettle(resourceId: $0.resourceId, periodStart: $0.periodStart, periodEnd: $0.periodEnd,
                             overloadHours: $0.allocatedHours - $0.capacityHours, projects: $0.allocations.map(\.projectId),
                             proposedResolution: $0.resolution.rationale)
        }
        waitingDecisions = projects.flatMap(\.waitingDecisions)
    }
}
