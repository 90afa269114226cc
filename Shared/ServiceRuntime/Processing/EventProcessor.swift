import Foundation
import PMOModel

/// The pure domain logic of one PMO service: everything the runtime needs to know about it and
/// the functions it calls. No I/O happens here; time comes from the context.
///
/// The runtime reads `inputTopics` in a consumer group, restores each key's `State` from the
/// service's changelog, calls `handle` for every valid event, and writes the emitted events, the
/// new state and the consumed offsets in one Kafka transaction.
public protocol EventProcessor: Sendable {
    /// The per-key state (a proposal's review progress, a project's health history, …).
    associatedtype State: Codable & Sendable & Equatable
    /// The read-only reference data every instance keeps in full (policy, roster, …).
    associatedtype Reference: Sendable

    /// The service name, as in `pmo.<name>.changelog` and `pmo.<name>.dlq`.
    var name: String { get }
    /// The CloudEvents `ce_source` of everything the service emits, e.g. `/pmo/intake`.
    var source: String { get }
    /// The keyed, co-partitioned topics the service processes.
    var inputTopics: [String] { get }
    /// The topics read in full by every instance and folded into `Reference`.
    var referenceTopics: [String] { get }
    /// The topics the service writes (created at start when missing).
    var outputTopics: [TopicDefinition] { get }
    /// Compacted output topics whose records are coalesced in each transaction: of the records
    /// one transaction would write there under the same key, only the last is written, when the
    /// transaction commits (``LatestRecords``). A compacted topic keeps only a key's last record,
    /// and a `read_committed` reader sees a transaction's records only once it commits, all at
    /// once, so the earlier ones are work for the producer, the broker and every reader that
    /// nobody needs (Kafka Streams' record cache does the same for its tables). Each must be one
    /// of `outputTopics` and compacted, or the runtime refuses to start. The default is none.
    var coalescedTopics: Set<String> { get }
    /// The event types the service understands (inputs and references); others are dead letters.
    var registry: EventRegistry { get }

    /// The reference data before any reference record was read.
    var initialReference: Reference { get }
    /// Folds one reference event into the reference data.
    func apply(reference event: DecodedEvent, to reference: inout Reference)

    /// Processes one valid input event for the key `context.key`, given its current state. The
    /// state is handed over (`consuming`): when the runtime holds no other copy of it (the open
    /// transaction changed the key already), a handler that changes it in place, rather than
    /// copying it first, changes its arrays and strings without copying them.
    func handle(_ event: DecodedEvent, state: consuming State?, context: ProcessingContext<Reference>) -> Outcome<State>

    /// Time-driven work for one key (reminders, overdue reports), run periodically by the
    /// partition's owner only. The default does nothing.
    func tick(state: State, context: ProcessingContext<Reference>) -> Outcome<State>

    /// The topic an emitted event goes to; the default looks it up in the topic catalog.
    func topic(for eventType: String) -> String?

    /// Turns a changelog value this version cannot decode (a key's state written in an older
    /// format) into today's state. Return `nil` when it cannot: the runtime then refuses to start
    /// (not ready, non-zero exit) rather than fall back to older state. The default migrates nothing.
    func migrateState(_ value: [UInt8], key: String, error: any Error) -> KeyedState<State>?
}

extension EventProcessor {
    public func tick(state: State, context: ProcessingContext<Reference>) -> Outcome<State> {
        .unchanged(state)
    }

    public func topic(for eventType: String) -> String? {
        TopicCatalog.topicName(carrying: eventType)
    }

    public func migrateState(_ value: [UInt8], key: String, error: any Error) -> KeyedState<State>? {
        nil
    }

    public var coalescedTopics: Set<String> { [] }

    /// The coalesced topics that are not compacted output topics of this processor: the runtime
    /// refuses to start unless this is empty, since coalescing a topic that keeps every record
    /// would lose records its readers expect.
    public var uncompactedCoalescedTopics: [String] {
        let compacted = Set(outputTopics.filter(\.compacted).map(\.name))
        return coalescedTopics.subtracting(compacted).sorted()
    }

    /// The event types the topic catalog puts on this processor's input and reference topics
    /// that its registry cannot decode, by topic. Each such record would be a dead letter (on an
    /// input) or dropped with an error (reference data), so the runtime refuses to start unless
    /// this is empty.
    public var undecodableCatalogTypes: [String: [String]] {
        let known = Set(registry.eventTypes)
        var missing: [String: [String]] = [:]
        for topic in inputTopics + referenceTopics {
            let types = (TopicCatalog.topic(named: topic)?.events ?? []).map(\.eventType).filter { !known.contains($0) }
            if !types.isEmpty { missing[topic] = types.sorted() }
        }
        return missing
    }

    /// `pmo.<name>.changelog`.
    public var changelogTopic: String { "pmo.\(name).changelog" }
    /// `pmo.<name>.dlq`.
    public var deadLetterTopic: String { "pmo.\(name).dlq" }
}

/// What a handler sees besides the event and the state: the key, the time and the reference data.
public struct ProcessingContext<Reference: Sendable>: Sendable {
    /// The record key being processed (project, resource or config id).
    public var key: String
    /// Now, from the runtime's injected clock.
    public var now: Date
    /// The reference data as of this event.
    public var reference: Reference

    public init(key: String, now: Date, reference: Reference) {
        self.key = key
        self.now = now
        self.reference = reference
    }
}

/// A topic a service creates when it is missing: name, partitions, cleanup policy, retention.
public struct TopicDefinition: Sendable, Hashable {
    public var name: String
    public var partitions: Int
    public var compacted: Bool
    public var retentionMs: Int64?

    public init(name: String, partitions: Int, compacted: Bool = false, retentionMs: Int64? = nil) {
        self.name = name
        self.partitions = partitions
        self.compacted = compacted
        self.retentionMs = retentionMs
    }

    /// The definition of a catalog topic.
    public init(_ spec: TopicSpec) {
        self.init(name: spec.name, partitions: spec.partitions, compacted: spec.cleanupPolicy == .compact,
                  retentionMs: spec.retentionMs)
    }
}
