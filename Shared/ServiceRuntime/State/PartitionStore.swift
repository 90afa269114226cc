/// The state of every key of one partition: what the last committed transaction left, plus the
/// changes of the open transaction (with their encoded changelog values), which are thrown away
/// if it aborts.
@usableFromInline struct PartitionStore<State: Codable & Sendable & Equatable>: Sendable {
    @usableFromInline var committed: [String: KeyedState<State>] = [:]
    @usableFromInline var pending: [String: KeyedState<State>] = [:]
    /// The changelog value of each pending key, encoded (and size-checked) when it was set, or
    /// by ``encodePending(_:)`` before the commit.
    @usableFromInline var pendingValues: [String: [UInt8]] = [:]
    /// The size of each committed key's changelog value, as last written or restored.
    @usableFromInline var committedSizes: [String: Int] = [:]
    /// The size of each pending key's changelog value when it was last encoded in the open
    /// transaction (it stays known when a later change defers the encoding).
    @usableFromInline var pendingSizes: [String: Int] = [:]

    /// The key's state as the open transaction sees it.
    @inlinable func entry(for key: String) -> KeyedState<State>? {
        pending[key] ?? committed[key]
    }

    /// What processing the key's next input needs to know of it besides its state: the trace
    /// context of the step that last changed it, and whether the input with `fingerprint` was
    /// applied to it already. The key's deduplication window is not handed out, so that
    /// ``change(_:default:settingState:)`` then changes it in place instead of copying it.
    /// Both are read where the entry is, through the dictionary's `_modify` accessor at its index
    /// (``peek(_:fingerprint:)``): the getter (`values[index]`, or binding
    /// `pending[key] ?? committed[key]`) returned a copy of the entry, retaining every field of
    /// the state for every input. Neither dictionary is shared, so the access copies nothing.
    @inlinable mutating func lookUp(_ key: String, fingerprint: UInt64) -> (trace: String?, applied: Bool)? {
        if let index = pending.index(forKey: key) {
            return Self.peek(&pending.values[index], fingerprint: fingerprint)
        }
        guard let index = committed.index(forKey: key) else { return nil }
        return Self.peek(&committed.values[index], fingerprint: fingerprint)
    }

    /// The trace context and whether `fingerprint` was applied, read from an entry in place.
    @inlinable static func peek(_ entry: inout KeyedState<State>, fingerprint: UInt64) -> (trace: String?, applied: Bool) {
        (entry.trace, entry.applied.contains(fingerprint))
    }

    /// The key's state for its next input. When the open transaction has changed the key already
    /// (``isChanged(_:)``), the state is taken out of it (the entry holds `nil` until
    /// ``change(_:default:settingState:)`` puts the new state back), so that the handler holds the
    /// only reference to its storage and changes it in place instead of copying every array it
    /// touches. Otherwise it is a copy of the committed state, which an abort must still find as it
    /// was. Neither entry is copied whole: only the state is read, in place (``stateCopy(_:)``).
    @inlinable mutating func takeState(of key: String) -> State? {
        if let index = pending.index(forKey: key) { return pending.values[index].state.take() }
        guard let index = committed.index(forKey: key) else { return nil }
        return Self.stateCopy(&committed.values[index])
    }

    /// Whether the open transaction has changed the key.
    @inlinable func isChanged(_ key: String) -> Bool {
        pending.index(forKey: key) != nil
    }

    /// A copy of an entry's state, read in place.
    @inlinable static func stateCopy(_ entry: inout KeyedState<State>) -> State? {
        entry.state
    }

    /// A new entry with an entry's deduplication window and trace context but no state, read in place.
    @inlinable static func withoutState(_ entry: inout KeyedState<State>) -> KeyedState<State> {
        KeyedState(state: nil, applied: entry.applied, trace: entry.trace)
    }

    /// Changes the key's state inside the open transaction in place (its changelog value is
    /// encoded before the commit, ``encodePending(_:)``). `body` sets the key's new state: the
    /// entry it is given holds the key's deduplication window and trace context, committed or
    /// changed earlier in the transaction (`default` when the key has none), but not its state,
    /// which the handler has (``takeState(of:)``). Copying the committed state in only for `body`
    /// to replace it retained every field of the state and released them again.
    @inlinable mutating func change(_ key: String, default: () -> KeyedState<State>,
                                    settingState body: (inout KeyedState<State>) -> Void) {
        if let index = pending.index(forKey: key) {
            body(&pending.values[index])
        } else {
            var entry = committed.index(forKey: key).map { Self.withoutState(&committed.values[$0]) } ?? `default`()
            body(&entry)
            pending[key] = entry
        }
        pendingValues.removeValue(forKey: key)
    }

    /// Changes the key's state inside the open transaction; `encoded` is its changelog value, or
    /// `nil` to encode it once, before the commit (``encodePending(_:)``), however many inputs
    /// change it in between.
    @inlinable mutating func set(_ entry: KeyedState<State>, encoded: [UInt8]?, for key: String) {
        pending[key] = entry
        pendingValues[key] = encoded
        if let encoded { pendingSizes[key] = encoded.count }
    }

    /// Encodes the pending states not encoded yet, in key order; stops at the first that
    /// `encode` refuses (a state over the record size limit) and returns its problem.
    @inlinable mutating func encodePending<Problem: Error>(_ encode: (String, KeyedState<State>) -> Result<[UInt8], Problem>) -> Problem? {
        for key in pending.keys.sorted() where pendingValues[key] == nil {
            // Encoded where it is: binding `pending[key]` copied the entry, every field retained.
            guard let index = pending.index(forKey: key) else { continue }
            switch Self.encode(&pending.values[index], key: key, encode) {
            case .success(let value):
                pendingValues[key] = value
                pendingSizes[key] = value.count
            case .failure(let problem): return problem
            }
        }
        return nil
    }

    /// `encode` of an entry, read in place.
    @inlinable static func encode<Problem: Error>(_ entry: inout KeyedState<State>, key: String,
                                                  _ encode: (String, KeyedState<State>) -> Result<[UInt8], Problem>) -> Result<[UInt8], Problem> {
        encode(key, entry)
    }

    /// Loads a key's state as restored from the changelog (`nil` for a tombstone), `size` bytes.
    @inlinable mutating func restore(_ entry: KeyedState<State>?, size: Int, for key: String) {
        committed[key] = entry
        committedSizes[key] = entry == nil ? nil : size
    }

    /// Whether the key's state may be encoded once before the commit rather than as each input
    /// changes it: its last encoded value (in this transaction, else the committed one) is known
    /// and under half of `limit` bytes, so an input would have to more than double it for the
    /// commit to find it too large (then the transaction is processed again with every state
    /// checked). A new key is encoded at its first input only.
    @inlinable func mayDeferEncoding(of key: String, limit: Int) -> Bool {
        (pendingSizes[key] ?? committedSizes[key]).map { $0 < limit / 2 } ?? false
    }

    /// Every key known, committed or pending, sorted (for deterministic ticks).
    @inlinable var keys: [String] {
        Set(committed.keys).union(pending.keys).sorted()
    }

    /// The number of keys with committed state.
    @inlinable var count: Int { committed.count }

    /// Makes the open transaction's changes the committed state.
    @inlinable mutating func commit() {
        // Each entry moves from `pending` to `committed`: merging copied every new entry (every
        // field of its state retained) and then destroyed the pending one.
        for key in Array(pending.keys) {
            committed[key] = pending.removeValue(forKey: key)
        }
        for (key, value) in pendingValues { committedSizes[key] = value.count }
        pending.removeAll(keepingCapacity: true)
        pendingValues.removeAll(keepingCapacity: true)
        pendingSizes.removeAll(keepingCapacity: true)
    }

    /// Forgets the open transaction's changes.
    @inlinable mutating func rollback() {
        pending.removeAll(keepingCapacity: true)
        pendingValues.removeAll(keepingCapacity: true)
        pendingSizes.removeAll(keepingCapacity: true)
    }
}
