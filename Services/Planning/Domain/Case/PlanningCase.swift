import Foundation
import PMOModel

/// The planning review's state for one project (the record key): its charter, where its plan
/// stands, and the inputs kept until they can be decided (bounded by ``InputHolding``).
public struct PlanningCase: Codable, Sendable, Equatable {
    /// The project.
    public var projectId: String
    /// The charter from intake, once it has arrived; plans are reviewed against it.
    public var charter: ProjectChartered?
    /// Where the plan stands.
    public var phase: PlanPhase
    /// Inputs received while no policy or no roster was published yet, in arrival order.
    public var waiting: [HeldPlanningInput]
    /// Inputs that arrived before what they refer to: a plan before its project's charter, an
    /// expert review before its plan revision. Charters, plans and reviews travel on different
    /// topics, so one can overtake another.
    public var held: [HeldPlanningInput]

    /// A case for `projectId`, awaiting its charter and first plan.
    public init(projectId: String, charter: ProjectChartered? = nil, phase: PlanPhase = .awaitingPlan,
                waiting: [HeldPlanningInput] = [], held: [HeldPlanningInput] = []) {
        self.projectId = projectId
        self.charter = charter
        self.phase = phase
        self.waiting = waiting
        self.held = held
    }
}

/// An input kept until it can be decided, with the time it arrived.
public struct HeldPlanningInput: Codable, Sendable, Equatable {
    /// The input.
    public var input: PlanningInput
    /// When it was first kept.
    public var since: Date

    /// A kept input.
    public init(input: PlanningInput, since: Date) {
        self.input = input
        self.since = since
    }
}
