import PMOModel

/// What the runtime keeps and persists per key: the service's state and the deduplication
/// window of events already applied to it. One changelog record holds one `KeyedState`.
public struct KeyedState<State: Codable & Sendable & Equatable>: Decodable, Sendable, Equatable {
    /// The service's state; `nil` once the handler has forgotten the key.
    public var state: State?
    /// Events already applied to this key.
    public var applied: DeduplicationWindow
    /// The trace context of the step that last changed the key (`traceparent=00-…`), so that the
    /// next step's span links back to it and a key's history can be walked from trace to trace
    /// (``EventTracing``); nil when no trace context ever reached the key. Absent from older
    /// changelog values.
    public var trace: String?

    public init(state: State?, applied: DeduplicationWindow = DeduplicationWindow(), trace: String? = nil) {
        self.state = state
        self.applied = applied
        self.trace = trace
    }

    /// The changelog value: `{"applied":{"capacity":N,"fingerprints":"…"},"state":…,"trace":"…"}`
    /// (`trace` only when there is one), keys sorted as `PMOJSON` sorts them. It is written once per changed record, so it is written
    /// straight into a `JSONOutput`: only the service's state goes through `Codable` (`JSONTreeEncoder`),
    /// and the window (the largest part, the same shape in every service) writes itself.
    public func changelogValue() throws -> [UInt8] {
        var output = JSONOutput(capacity: 128 + applied.capacity * 12)
        output.beginObject()
        try output.member("\"applied\":", applied)
        // Written here (after `applied`, hence the comma) rather than through a wrapper holding
        // the state, which copied it.
        output.raw(",\"state\":")
        if let state { try JSONTreeEncoder.write(state, to: &output) } else { output.raw("null") }
        if let trace { try output.member("\"trace\":", trace) }
        output.endObject()
        return output.bytes
    }

    /// What time-driven work derives its event ids from: the digest of the changelog value
    /// (`changelog`, this entry's) without the trace context. Span ids are random, and a tick
    /// repeated after an aborted transaction must emit the same ids as the first time.
    @usableFromInline func digest(changelog: [UInt8]) -> String {
        guard trace != nil else { return StableDigest.hex(of: changelog) }
        var withoutTrace = self
        withoutTrace.trace = nil
        return StableDigest.hex(of: (try? withoutTrace.changelogValue()) ?? changelog)
    }
}
