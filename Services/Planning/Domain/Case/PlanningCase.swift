import Foundation
import PMOModel
import ServiceRuntime

/// The planning review's state for one project (the record key): its charter, where its plan
/// stands, and the inputs kept until they can be decided (bounded by ``InputHolding``).
public struct PlanningCase: Codable, Sendable, Equatable, KeepsInputs {
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

/// An input planning keeps until it can decide on it, with the time it arrived.
public typealias HeldPlanningInput = KeptInput<PlanningInput>
