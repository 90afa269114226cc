import Foundation
import Testing
@testable import Intake
import PMOModel
import ServiceRuntime

/// One event as it would leave the runtime: its CloudEvents id and the event.
struct Emitted {
    var id: String
    var event: any PMOEvent
}

/// Drives an `IntakeProcessor` through `handle` and `tick` the way the runtime does, with no
/// broker: records are encoded and decoded under the contracts, each key keeps its state, the
/// clock is injected, and every emission gets the `ce_id` the runtime would give it — its own
/// `id` when it has one, otherwise the runtime's default derived from the input record
/// (`<topic>/<partition>/<offset>/<position>`, see `ProcessingLoop`) or, for a tick,
/// `tick/<key>/<millis>/<position>`.
struct ProcessorHarness {
    var processor: IntakeProcessor
    var reference: IntakeReference
    var states: [String: IntakeCase] = [:]
    var now = t0
    /// Everything emitted so far, in order.
    var emitted: [Emitted] = []
    private var offsets: [String: Int] = [:]

    init(processor: IntakeProcessor = IntakeProcessor(), reference: IntakeReference? = nil) throws {
        self.processor = processor
        self.reference = try reference ?? IntakeReference(policy: examplePolicy(), roster: exampleRoster())
    }

    /// Publishes `event` on its input topic with `ce_id` `id` (by default one derived from the
    /// input itself, so that the same input has the same id in every interleaving) and returns
    /// what the processor emitted for it.
    @discardableResult
    mutating func publish(_ event: some PMOEvent, id: String? = nil) throws -> [Emitted] {
        let topic = event is ProposalSubmitted ? "pmo.intake.proposals" : "pmo.intake.reviews"
        let offset = offsets[topic, default: 0]
        offsets[topic] = offset + 1
        let record = try processor.registry.encode(event, id: id ?? Self.inputID(event), source: "/tests", time: now)
        let decoded = try processor.registry.decode(record: record)
        let key = decoded.attributes.subject
        let outcome = processor.handle(decoded, state: states[key], context: ProcessingContext(key: key, now: now, reference: reference))
        states[key] = outcome.state
        return collect(outcome.emissions) { "\(topic)/0/\(offset)/\($0)" }
    }

    /// Runs the time-driven work of every key, as the partition owner does.
    @discardableResult
    mutating func tick() -> [Emitted] {
        let millis = Int64((now.timeIntervalSince1970 * 1000).rounded())
        var out: [Emitted] = []
        for key in states.keys.sorted() {
            guard let state = states[key] else { continue }
            let outcome = processor.tick(state: state, context: ProcessingContext(key: key, now: now, reference: reference))
            states[key] = outcome.state
            out += collect(outcome.emissions) { "tick/\(key)/\(millis)/\($0)" }
        }
        return out
    }

    mutating func advance(minutes: Double) { now = now.addingTimeInterval(minutes * 60) }

    /// The ids of everything emitted so far.
    var ids: [String] { emitted.map(\.id) }

    private mutating func collect(_ emissions: [Emission], defaultID: (Int) -> String) -> [Emitted] {
        let out = emissions.enumerated().map { Emitted(id: $0.element.id ?? defaultID($0.offset), event: $0.element.event) }
        for item in out {
            let violations = item.event.validate()
            #expect(violations.isEmpty, "\(type(of: item.event).eventType) breaks its contract: \(violations)")
        }
        emitted += out
        return out
    }

    /// The input's own id: the same proposal revision or review always has the same `ce_id`.
    static func inputID(_ event: any PMOEvent) -> String {
        switch event {
        case let proposal as ProposalSubmitted: "\(proposal.projectId)-proposal-r\(proposal.revision)"
        case let review as ReviewSubmitted:
            "\(review.projectId)-review-r\(review.proposalRevision)-\(review.department)-\(review.reviewer)-\(review.verdict.rawValue)"
        default: UUID().uuidString
        }
    }
}

extension Array where Element == Emitted {
    var decisions: [IntakeDecisionMade] { compactMap { $0.event as? IntakeDecisionMade } }
    var ids: [String] { map(\.id) }
}
