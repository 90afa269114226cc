import PMOModel

/// What a handler returns: the key's new state (`nil` forgets it) and the events to emit.
public struct Outcome<State: Sendable>: Sendable {
    public var state: State?
    public var emissions: [Emission]

    public init(state: State?, emissions: [Emission] = []) {
        self.state = state
        self.emissions = emissions
    }

    /// The state stays as it is and nothing is emitted.
    public static func unchanged(_ state: State?) -> Outcome {
        Outcome(state: state)
    }
}

/// One event to emit, with an optional stable id.
///
/// The runtime gives every emitted event a deterministic `ce_id` derived from the input record
/// (topic, partition, offset and the emission's position), so reprocessing after a crash emits
/// the same ids and consumers' deduplication on (`ce_source`, `ce_id`) removes any copy. Events
/// from `tick` have no input record: give them an `id` that names what they are (for example
/// `reminder/P-17/r2/1`) so a repeated tick cannot emit them twice under different ids.
public struct Emission: Sendable {
    public var event: any PMOEvent
    public var id: String?
    /// The topic, when it is not the catalog's topic for the event type.
    public var topic: String?

    public init(_ event: any PMOEvent, id: String? = nil, topic: String? = nil) {
        self.event = event
        self.id = id
        self.topic = topic
    }
}
