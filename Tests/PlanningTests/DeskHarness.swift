import Foundation
import Testing
@testable import Planning
import PMOModel
import ServiceRuntime

/// Drives a ``PlanningDesk`` for one project with an injected clock, the way the processor does:
/// each input with the CloudEvents origin it would have, every emission checked against its
/// contract and kept with its id.
struct DeskHarness {
    var desk = PlanningDesk()
    var reference: ReferenceData
    var state: PlanningCase?
    var now = t0
    /// Everything emitted so far, with its id.
    var emitted: [(id: String?, event: any PMOEvent)] = []
    private var sequence = 0

    /// A harness with the sample policy and the desk roster (the sample roster plus a second
    /// expert, kai.tanaka).
    init(reference: ReferenceData? = nil) throws {
        self.reference = try reference ?? ReferenceData(policy: samplePolicy(), roster: deskRoster())
    }

    /// Sends `event` (a charter, plan or expert review) and returns what the desk emitted for it.
    @discardableResult
    mutating func send(_ event: some PMOEvent) -> [any PMOEvent] {
        sequence += 1
        let origin = InputOrigin(id: "input-\(sequence)", source: "/tests", type: type(of: event).eventType)
        let input: PlanningInput
        switch event {
        case let charter as ProjectChartered: input = .charter(charter, origin)
        case let plan as PlanSubmitted: input = .plan(plan, origin)
        case let review as ExpertReviewSubmitted: input = .expertReview(review, origin)
        default: fatalError("not a planning input: \(event)")
        }
        return record(desk.receive(input, state: state, reference: reference, now: now))
    }

    /// Runs the time-driven work, as the partition owner does.
    @discardableResult
    mutating func tick() -> [any PMOEvent] {
        guard let state else { return [] }
        return record(desk.tick(state: state, reference: reference, now: now))
    }

    mutating func advance(days: Double) { now = now.addingTimeInterval(days * 86_400) }
    mutating func advance(minutes: Double) { now = now.addingTimeInterval(minutes * 60) }

    /// Where the plan stands.
    var phase: PlanPhase? { state?.phase }

    private mutating func record(_ step: PlanningDesk.Step) -> [any PMOEvent] {
        state = step.state
        for emission in step.emissions {
            let violations = emission.event.validate()
            #expect(violations.isEmpty, "\(type(of: emission.event).eventType) breaks its contract: \(violations)")
            emitted.append((emission.id, emission.event))
        }
        return step.emissions.map(\.event)
    }
}

/// The sample roster with a second expert, kai.tanaka (security).
func deskRoster() -> RosterPublished {
    var roster = sampleRoster()
    roster.members.append(RosterMember(personId: "kai.tanaka", name: "Kai Tanaka", department: "security", roles: [.expert]))
    return roster
}

/// An expert's verdict on revision `revision` of the sample project.
func verdict(_ expert: String, _ verdict: Verdict, revision: Int = 1, findings: [PlanFinding] = []) -> ExpertReviewSubmitted {
    ExpertReviewSubmitted(projectId: "PRJ-2026-014", planRevision: revision, expert: expert, verdict: verdict,
                          findings: findings, reviewedAt: t0)
}

/// The sample plan at `revision`, with `edit` applied.
func plan(revision: Int, _ edit: (inout PlanSubmitted) -> Void = { _ in }) -> PlanSubmitted {
    samplePlan { $0.revision = revision; edit(&$0) }
}

/// The sample plan with three high risks (0.8 × 4 = 3.2 each): the policy asks for an expert
/// review from three.
func riskyPlan(revision: Int = 1) -> PlanSubmitted {
    plan(revision: revision) { plan in
        plan.subPlans.risk?.riskRegister = ["R-1", "R-2", "R-3"].map { risk($0, 0.8, 4) }
    }
}

extension Array where Element == any PMOEvent {
    /// The events of type `T`, in order.
    func of<T: PMOEvent>(_ type: T.Type) -> [T] { compactMap { $0 as? T } }
    /// The plan decisions, in order.
    var decisions: [PlanDecisionMade] { of(PlanDecisionMade.self) }
}
