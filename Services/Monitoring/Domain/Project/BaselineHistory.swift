import Foundation
import PMOModel

/// A project's baseline revisions as monitoring measures against them: what a report needs of
/// each (its planned-value curve and BAC, its start, its reporting cadence) and the day it
/// applies from. Only what measuring needs is kept, so the per-project state stays small.
public struct BaselineHistory: Codable, Sendable, Equatable {
    /// One baseline revision.
    public struct Revision: Codable, Sendable, Equatable {
        /// The revision number (1 from planning, 2 and later from change control).
        public var revision: Int
        /// The day it applies from: `nil` for revision 1 (it applies to every earlier report),
        /// the rebaseline's own date (UTC) for later ones.
        public var effectiveFrom: CalendarDate?
        /// The cumulative planned-value curve.
        public var curve: [PlannedValuePoint]
        /// The earliest work-package start (the curve starts there when earlier than its first point).
        public var start: CalendarDate?
        /// Budget at completion.
        public var budgetAtCompletion: Money
        /// Days between status reports from the plan, when it gave them.
        public var statusReportCadenceDays: Int?
        /// The PM accountable for it.
        public var projectManager: String?

        /// The revision of `baseline`.
        public init(revision: Int, effectiveFrom: CalendarDate?, baseline: PlanBaseline,
                    statusReportCadenceDays: Int?, projectManager: String?) {
            self.revision = revision
            self.effectiveFrom = effectiveFrom
            self.curve = baseline.plannedValueCurve
            self.start = baseline.workPackages.map(\.plannedStart).min()
            self.budgetAtCompletion = baseline.budgetAtCompletion
            self.statusReportCadenceDays = statusReportCadenceDays
            self.projectManager = projectManager
        }
    }

    /// The revisions received, by revision number.
    public var revisions: [Revision] = []

    /// No baseline yet.
    public init(revisions: [Revision] = []) {
        self.revisions = revisions
    }

    /// Whether the project has a baseline.
    public var isEmpty: Bool { revisions.isEmpty }

    /// The latest revision received.
    public var latest: Revision? { revisions.last }

    /// Records `revision`; a copy of one already held changes nothing, and a later copy of the
    /// same number replaces it.
    public mutating func record(_ revision: Revision) {
        if let index = revisions.firstIndex(where: { $0.revision == revision.revision }) {
            revisions[index] = revision
        } else {
            revisions.append(revision)
            revisions.sort { $0.revision < $1.revision }
        }
    }

    /// The revision in force at the end of `date`: the highest one effective by then (revision
    /// 1 always is).
    public func inForce(at date: CalendarDate) -> Revision? {
        revisions.last { $0.effectiveFrom.map { $0 <= date } ?? true } ?? revisions.first
    }

    /// What a report dated `asOf` naming revision `named` is measured against, and the revision
    /// in force that supersedes it (when the report names an older one): the named revision when
    /// it is known, otherwise the one in force.
    public func measuringBaseline(named: Int, asOf: CalendarDate) -> (revision: Revision, supersededBy: Int?)? {
        guard let inForce = inForce(at: asOf) else { return nil }
        guard let named = revisions.first(where: { $0.revision == named }) else { return (inForce, nil) }
        return (named, inForce.revision > named.revision ? inForce.revision : nil)
    }
}

extension BaselineHistory.Revision {
    /// The revision's planned-value curve.
    public func plannedValueCurve() throws(EarnedValueInputError) -> PlannedValueCurve {
        try PlannedValueCurve(points: curve, budgetAtCompletion: budgetAtCompletion, start: start)
    }
}
