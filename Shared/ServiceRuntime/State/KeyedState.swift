/// What the runtime keeps and persists per key: the service's state and the deduplication
/// window of events already applied to it. One changelog record holds one `KeyedState`.
public struct KeyedState<State: Codable & Sendable & Equatable>: Codable, Sendable, Equatable {
    /// The service's state; `nil` once the handler has forgotten the key.
    public var state: State?
    /// Events already applied to this key.
    public var applied: DeduplicationWindow

    public init(state: State?, applied: DeduplicationWindow = DeduplicationWindow()) {
        self.state = state
        self.applied = applied
    }
}
