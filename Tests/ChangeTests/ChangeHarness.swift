import Foundation
import Testing
@testable import Change
import PMOModel
import ServiceRuntime

/// Drives a ``ChangeDesk`` for one project with an injected clock, the way the processor does:
/// each input with the CloudEvents origin it would have, every emission checked against its
/// contract and kept with its id.
struct ChangeHarness {
    var desk = ChangeDesk()
    var reference: ReferenceData
    var state: ChangeCase?
    var now = t0
    /// Everything emitted so far, with its id.
    var emitted: [(id: String?, event: any PMOEvent)] = []
    private var sequence = 0

    /// A harness with the sample policy and roster; `baselined` sends the charter and planning's
    /// baseline first.
    init(policy: PolicyPublished? = nil, baselined: Bool = true) throws {
        reference = ReferenceData(policy: try policy ?? samplePolicy(), roster: try sampleRoster())
        if baselined {
            send(try charter())
            send(planningBaseline())
        }
    }

    /// Sends `event` and returns what the desk emitted for it.
    @discardableResult
    mutating func send(_ event: some PMOEvent) -> [any PMOEvent] {
        sequence += 1
        let origin = InputOrigin(id: "input-\(sequence)", source: "/tests", type: type(of: event).eventType)
        let input: ChangeInput
        switch event {
        case let charter as ProjectChartered: input = .charter(charter, origin)
        case let baseline as ProjectBaselined: input = .baselined(baseline, origin)
        case let rebaseline as ProjectRebaselined: input = .rebaselined(rebaseline, origin)
        case let request as ChangeRequestSubmitted: input = .request(request, origin)
        case let vote as VoteCast: input = .vote(vote, origin)
        default: fatalError("not a change control input: \(event)")
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

    /// The request `id`'s case.
    func request(_ id: String = "CR-2026-031") -> ChangeRequestCase? { state?.requests[id] }

    private mutating func record(_ step: ChangeDesk.Step) -> [any PMOEvent] {
        state = step.state
        for emission in step.emissions {
            let violations = emission.event.validate()
            #expect(violations.isEmpty, "\(type(of: emission.event).eventType) breaks its contract: \(violations)")
            #expect(emission.id != nil, "\(type(of: emission.event).eventType) has no meaning-derived id")
            emitted.append((emission.id, emission.event))
        }
        return step.emissions.map(\.event)
    }
}

extension Array where Element == any PMOEvent {
    /// The events of type `T`, in order.
    func of<T: PMOEvent>(_ type: T.Type) -> [T] { compactMap { $0 as? T } }
}
