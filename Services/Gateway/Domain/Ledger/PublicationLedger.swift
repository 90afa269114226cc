import PMOModel

/// The gateway's memory of what it published, so that a client retrying an event (same
/// `ce_source` and `ce_id`) gets the first answer again and nothing is published twice.
///
/// An explicit state machine per identity, tested without I/O: absent → ``Entry/publishing`` when
/// claimed → ``Entry/published`` when the broker acknowledged it, or back to absent when
/// publishing failed (so the retry publishes). A claim answers what to do:
/// - ``Claim/publish``: new, publish it (it is now `publishing`);
/// - ``Claim/replay(_:)``: published before, answer the same receipt;
/// - ``Claim/wait``: the same event is being published by an earlier request: wait for it;
/// - ``Claim/conflict``: the id was used for a different event (its fingerprint differs).
///
/// Published entries are kept for ``window`` seconds and at most ``capacity`` of them (the
/// oldest go first); an event retried later than that is published again, and the services'
/// own deduplication on (`ce_source`, `ce_id`) still applies it once.
public struct PublicationLedger: Sendable {
    /// The state of one identity.
    public enum Entry: Equatable, Sendable {
        /// Claimed by a request; the broker has not answered yet.
        case publishing(fingerprint: String)
        /// Acknowledged by the broker at `at` (seconds).
        case published(fingerprint: String, receipt: PublicationReceipt, at: Double)
    }

    /// What a request should do with one event.
    public enum Claim: Equatable, Sendable {
        case publish
        case replay(PublicationReceipt)
        case wait
        case conflict
    }

    /// How long a published event is remembered, in seconds.
    public let window: Double
    /// How many published events are remembered at most.
    public let capacity: Int
    private(set) var entries: [EventIdentity: Entry] = [:]
    /// Published identities, oldest first, for forgetting them in order.
    private var published: [(identity: EventIdentity, at: Double)] = []
    private var publishedStart = 0

    public init(window: Double, capacity: Int) {
        self.window = window
        self.capacity = max(1, capacity)
    }

    /// The state of `identity`, `nil` when the ledger does not know it.
    public func entry(_ identity: EventIdentity) -> Entry? { entries[identity] }

    /// How many published events are remembered.
    public var rememberedCount: Int { published.count - publishedStart }

    /// Claims `identity` for an event with `fingerprint` at time `now`.
    public mutating func claim(_ identity: EventIdentity, fingerprint: String, now: Double) -> Claim {
        forget(before: now - window)
        switch entries[identity] {
        case nil:
            entries[identity] = .publishing(fingerprint: fingerprint)
            return .publish
        case .publishing(let first):
            return first == fingerprint ? .wait : .conflict
        case .published(let first, let receipt, _):
            return first == fingerprint ? .replay(receipt) : .conflict
        }
    }

    /// Records the outcome of publishing a claimed identity: its receipt, or `nil` when it failed
    /// (the identity is forgotten, so that a retry publishes it).
    public mutating func settle(_ identity: EventIdentity, receipt: PublicationReceipt?, now: Double) {
        guard case .publishing(let fingerprint) = entries[identity] else { return }
        guard let receipt else {
            entries[identity] = nil
            return
        }
        entries[identity] = .published(fingerprint: fingerprint, receipt: receipt, at: now)
        published.append((identity, now))
        while rememberedCount > capacity { dropOldest() }
    }

    /// Gives up claims made for a request that is refused before publishing (a conflict in its batch).
    public mutating func release(_ identity: EventIdentity) {
        if case .publishing = entries[identity] { entries[identity] = nil }
    }

    private mutating func forget(before cutoff: Double) {
        while publishedStart < published.count, published[publishedStart].at < cutoff { dropOldest() }
    }

    private mutating func dropOldest() {
        let oldest = published[publishedStart]
        publishedStart += 1
        if case .published(_, _, let at) = entries[oldest.identity], at == oldest.at { entries[oldest.identity] = nil }
        if publishedStart > 1024, publishedStart * 2 > published.count {
            published.removeFirst(publishedStart)
            publishedStart = 0
        }
    }
}
