/// The reference data the services decide with: the latest PMO policy and the latest roster.
///
/// Every instance of a service reads `pmo.config.policy` and `pmo.config.roster` in full; a publication
/// replaces the current one only when its version is not older, so a replayed or late older
/// version never rolls the rules back.
public struct ReferenceData: Sendable, Equatable {
    /// The policy in force, `nil` until one has been published.
    public var policy: PolicyPublished?
    /// The roster in force, `nil` until one has been published.
    public var roster: RosterPublished?

    /// Reference data with the given policy and roster.
    public init(policy: PolicyPublished? = nil, roster: RosterPublished? = nil) {
        self.policy = policy
        self.roster = roster
    }

    /// The policy and roster together, when both are known: no service decides without them.
    public var ready: (policy: PolicyPublished, roster: RosterPublished)? {
        guard let policy, let roster else { return nil }
        return (policy, roster)
    }

    /// Folds a reference event in; other event types are ignored.
    public mutating func apply(_ event: any PMOEvent) {
        switch event {
        case let published as PolicyPublished:
            if policy.map({ published.version >= $0.version }) ?? true { policy = published }
        case let published as RosterPublished:
            if roster.map({ published.version >= $0.version }) ?? true { roster = published }
        default:
            break
        }
    }
}
