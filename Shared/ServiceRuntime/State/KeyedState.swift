import PMOModel

/// What the runtime keeps and persists per key: the service's state and the deduplication
/// window of events already applied to it. One changelog record holds one `KeyedState`.
public struct KeyedState<State: Codable & Sendable & Equatable>: Decodable, Sendable, Equatable {
    /// The service's state; `nil` once the handler has forgotten the key.
    public var state: State?
    /// Events already applied to this key.
    public var applied: DeduplicationWindow

    public init(state: State?, applied: DeduplicationWindow = DeduplicationWindow()) {
        self.state = state
        self.applied = applied
    }

    /// The changelog value: `{"applied":{"capacity":N,"fingerprints":"…"},"state":…}`, keys
    /// sorted as `PMOJSON` sorts them. It is written once per changed record, so it is put
    /// together from its parts rather than through a keyed encoder: only the service's state
    /// goes through `PMOJSON`, and the window writes its own two fields (it is the largest
    /// part and the same shape in every service).
    public func changelogValue() throws -> [UInt8] {
        let window = applied.packed
        var value: [UInt8] = []
        value.reserveCapacity(64 + window.utf8.count)
        value.append(contentsOf: #"{"applied":{"capacity":"#.utf8)
        value.append(contentsOf: String(applied.capacity).utf8)
        value.append(contentsOf: #","fingerprints":""#.utf8)
        value.append(contentsOf: window.utf8)
        value.append(contentsOf: #""},"state":"#.utf8)
        if let state {
            value.append(contentsOf: try PMOJSON.encode(state))
        } else {
            value.append(contentsOf: "null".utf8)
        }
        value.append(UInt8(ascii: "}"))
        return value
    }
}
