import Foundation
import PMOModel
import ServiceRuntime

/// A small service made for testing and benchmarking the runtime: it counts requests per key
/// and emits each key's running total. Its topics and name are configurable so that tests can
/// run several counters side by side.
struct CountingProcessor: EventProcessor {
    /// The count of one key.
    struct State: Codable, Sendable, Equatable {
        var total: Int
        var applied: Int
        /// When the last request was applied.
        var lastRequest: Date?
        /// The total at which the key was last reported idle.
        var idleReportedAt: Int?
        /// Filler that makes the state as large as `statePadding` asks (tests of the state size limit).
        var padding: String?
    }

    let name: String
    let inputTopic: String
    let outputTopic: String
    let partitions: Int
    /// After how long without requests a key is reported idle; `nil` never.
    let idleAfter: TimeInterval?
    /// Bytes of filler kept in every key's state (0: none), to test the state size limit.
    var statePadding = 0
    /// The request of a key (1 for its first) from which its state is padded.
    var statePaddingFromRequest = 1
    /// A topic that also gets each key's running total, coalesced per transaction (tests of
    /// ``EventProcessor/coalescedTopics``); `nil`: none.
    var totalsTopic: String?
    /// Whether the totals topic is created compacted (otherwise the runtime must refuse to start).
    var totalsTopicCompacted = true
    /// Bytes of filler in the totals output of a request whose amount is at least
    /// `totalPaddingFromAmount` (0: none), to test the record size limit at the commit.
    var totalPadding = 0
    /// The amount from which a request's totals output is padded.
    var totalPaddingFromAmount = 1
    /// A request with this amount gets a totals output that breaks the contracts (sequence 0).
    var invalidTotalAmount: Int?

    var source: String { "/pmo/test/\(name)" }
    var inputTopics: [String] { [inputTopic] }
    var referenceTopics: [String] { [] }
    var outputTopics: [TopicDefinition] {
        [TopicDefinition(name: inputTopic, partitions: partitions), TopicDefinition(name: outputTopic, partitions: partitions)]
            + (totalsTopic.map { [TopicDefinition(name: $0, partitions: partitions, compacted: totalsTopicCompacted)] } ?? [])
    }
    var coalescedTopics: Set<String> { totalsTopic.map { [$0] } ?? [] }
    var registry: EventRegistry { EventRegistry(types: [CountRequested.self, CountUpdated.self, CountIdle.self]) }
    var initialReference: Void { () }

    func apply(reference event: DecodedEvent, to reference: inout Void) {}

    func handle(_ event: DecodedEvent, state: consuming State?, context: ProcessingContext<Void>) -> Outcome<State> {
        guard let request = event.event as? CountRequested else { return .unchanged(state) }
        var state = state ?? State(total: 0, applied: 0)
        state.total += request.amount
        state.applied += 1
        state.lastRequest = context.now
        if statePadding > 0, state.applied >= statePaddingFromRequest {
            state.padding = String(repeating: "x", count: statePadding)
        }
        let update = CountUpdated(key: request.key, total: state.total, sequence: state.applied)
        var total = update
        if totalPadding > 0, request.amount >= totalPaddingFromAmount {
            total.padding = String(repeating: "x", count: totalPadding)
        }
        if request.amount == invalidTotalAmount { total.sequence = 0 }
        let totals = totalsTopic.map { [Emission(total, topic: $0)] } ?? []
        return Outcome(state: state, emissions: [Emission(update, topic: outputTopic)] + totals)
    }

    func tick(state: State, context: ProcessingContext<Void>) -> Outcome<State> {
        guard let idleAfter, let last = state.lastRequest, state.idleReportedAt != state.total,
              context.now.timeIntervalSince(last) >= idleAfter else { return .unchanged(state) }
        var state = state
        state.idleReportedAt = state.total
        let idle = CountIdle(key: context.key, total: state.total)
        return Outcome(state: state, emissions: [Emission(idle, id: "idle/\(context.key)/\(state.total)", topic: outputTopic)])
    }

    /// Reads the counter's legacy changelog format, a bare JSON integer (the total), so that the
    /// runtime's state-migration path is exercised: such a key restores with that total.
    func migrateState(_ value: [UInt8], key: String, error: any Error) -> KeyedState<State>? {
        guard let text = String(bytes: value, encoding: .utf8), let total = Int(text.trimmingCharacters(in: .whitespaces)) else {
            return nil
        }
        return KeyedState(state: State(total: total, applied: total))
    }

    func topic(for eventType: String) -> String? {
        [CountUpdated.eventType, CountIdle.eventType].contains(eventType) ? outputTopic : nil
    }
}
