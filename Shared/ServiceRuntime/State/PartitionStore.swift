/// The state of every key of one partition: what the last committed transaction left, plus the
/// changes of the open transaction (with their encoded changelog values), which are thrown away
/// if it aborts.
struct PartitionStore<State: Codable & Sendable & Equatable>: Sendable {
    private(set) var committed: [String: KeyedState<State>] = [:]
    private(set) var pending: [String: KeyedState<State>] = [:]
    /// The changelog value of each pending key, encoded (and size-checked) when it was set.
    private(set) var pendingValues: [String: [UInt8]] = [:]

    /// The key's state as the open transaction sees it.
    func entry(for key: String) -> KeyedState<State>? {
        pending[key] ?? committed[key]
    }

    /// Changes the key's state inside the open transaction; `encoded` is its changelog value.
    mutating func set(_ entry: KeyedState<State>, encoded: [UInt8], for key: String) {
        pending[key] = entry
        pendingValues[key] = encoded
    }

    /// Loads a key's state as restored from the changelog (`nil` for a tombstone).
    mutating func restore(_ entry: KeyedState<State>?, for key: String) {
        committed[key] = entry
    }

    /// Every key known, committed or pending, sorted (for deterministic ticks).
    var keys: [String] {
        Set(committed.keys).union(pending.keys).sorted()
    }

    /// The number of keys with committed state.
    var count: Int { committed.count }

    /// Makes the open transaction's changes the committed state.
    mutating func commit() {
        committed.merge(pending) { _, new in new }
        pending.removeAll(keepingCapacity: true)
        pendingValues.removeAll(keepingCapacity: true)
    }

    /// Forgets the open transaction's changes.
    mutating func rollback() {
        pending.removeAll(keepingCapacity: true)
        pendingValues.removeAll(keepingCapacity: true)
    }
}
