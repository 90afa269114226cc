import Foundation
import PMOModel
import ServiceRuntime

/// Change control's state for one project (the record key): who decides for it, the baseline in
/// force, what the PM has approved since the CCB last set the baseline, every change request by
/// id, and the inputs kept until they can be decided (bounded by ``InputHolding``).
public struct ChangeCase: Codable, Sendable, Equatable, KeepsInputs {
    /// The project.
    public var projectId: String
    /// The PM and the sponsor from the charter, once it has arrived.
    public var charter: CharterRoles?
    /// The baseline in force, once planning has baselined the project.
    public var baseline: BaselineInForce?
    /// The figures the PM's cumulative tolerance is measured from: the baseline as the CCB (or
    /// planning) last set it.
    public var toleranceReference: ToleranceReference?
    /// The changes the PM approved since then, in approval order.
    public var priorApprovals: [PriorApproval]
    /// Every change request of the project, by id.
    public var requests: [String: ChangeRequestCase]
    /// Inputs received while no policy or no roster was published yet, in arrival order.
    public var waiting: [KeptChangeInput]
    /// Inputs that arrived before what they refer to: a request before the baseline, a vote
    /// before its request revision.
    public var held: [KeptChangeInput]

    /// A case for `projectId` with nothing known yet.
    public init(projectId: String, charter: CharterRoles? = nil, baseline: BaselineInForce? = nil,
                toleranceReference: ToleranceReference? = nil, priorApprovals: [PriorApproval] = [],
                requests: [String: ChangeRequestCase] = [:], waiting: [KeptChangeInput] = [], held: [KeptChangeInput] = []) {
        self.projectId = projectId
        self.charter = charter
        self.baseline = baseline
        self.toleranceReference = toleranceReference
        self.priorApprovals = priorApprovals
        self.requests = requests
        self.waiting = waiting
        self.held = held
    }

    /// The project manager: the charter's, else the one the baseline names.
    public var projectManager: String? { charter?.projectManager ?? baseline?.projectManager }

    /// The open requests (awaiting a decision), by id.
    public var openRequests: [ChangeRequestCase] {
        requests.values.filter(\.phase.isOpen).sorted { $0.changeRequestId < $1.changeRequestId }
    }
}

/// An input change control keeps until it can decide on it, with the time it arrived.
public typealias KeptChangeInput = KeptInput<ChangeInput>

/// Who decides for a project, from its charter.
public struct CharterRoles: Codable, Sendable, Equatable {
    /// The appointed project manager.
    public var projectManager: String
    /// The sponsor, who decides a change escalated past the CCB's final deadline.
    public var sponsor: String

    /// The roles.
    public init(projectManager: String, sponsor: String) {
        self.projectManager = projectManager
        self.sponsor = sponsor
    }
}

/// The baseline in force: its revision, the baseline itself, and the PM it names.
public struct BaselineInForce: Codable, Sendable, Equatable {
    /// 1 from planning, then one more per approved change.
    public var revision: Int
    /// The baseline.
    public var baseline: PlanBaseline
    /// The project manager named with the first baseline.
    public var projectManager: String

    /// The baseline in force.
    public init(revision: Int, baseline: PlanBaseline, projectManager: String) {
        self.revision = revision
        self.baseline = baseline
        self.projectManager = projectManager
    }
}

/// The baseline figures the PM's cumulative tolerance counts from.
public struct ToleranceReference: Codable, Sendable, Equatable {
    /// The baseline revision the CCB (or planning) set.
    public var baselineRevision: Int
    /// Its planned finish.
    public var finish: CalendarDate
    /// Its budget at completion.
    public var budgetAtCompletion: Money

    /// The reference.
    public init(baselineRevision: Int, finish: CalendarDate, budgetAtCompletion: Money) {
        self.baselineRevision = baselineRevision
        self.finish = finish
        self.budgetAtCompletion = budgetAtCompletion
    }

    /// The reference set by `baseline` at `revision`.
    public init(_ baseline: PlanBaseline, revision: Int) {
        self.init(baselineRevision: revision, finish: baseline.plannedFinish, budgetAtCompletion: baseline.budgetAtCompletion)
    }
}

extension PlanBaseline {
    /// The latest planned finish of its work packages (milestones left out, unlike `plannedSpan`):
    /// the finish a change moves.
    public var plannedFinish: CalendarDate {
        workPackages.map(\.plannedFinish).max() ?? plannedValueCurve.last!.date
    }
}
