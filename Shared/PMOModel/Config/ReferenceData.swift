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
    /// The resource allocations requested and not (fully) released, by resource and allocation
    /// id, for a service that reads `pmo.resources.allocations` as reference data (intake weighs a
    /// proposal's resource demand against the capacity they leave free).
    public var allocations: [String: AllocationRequested] = [:]
    /// The latest portfolio summary, for a service that reads `pmo.portfolio.summary` as reference
    /// data (intake states the budget left in the policy's annual envelope).
    public var portfolio: PortfolioSummaryPublished?

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
        case let requested as AllocationRequested:
            allocations["\(requested.resourceId)/\(requested.allocationId)"] = requested
        case let released as AllocationReleased:
            let key = "\(released.resourceId)/\(released.allocationId)"
            if let hours = released.hoursReleased, var allocation = allocations[key], hours < allocation.hours {
                allocation.hours -= hours
                allocations[key] = allocation
            } else {
                allocations[key] = nil
            }
        case let summary as PortfolioSummaryPublished:
            if portfolio.map({ (summary.asOf, summary.publishedAt) >= ($0.asOf, $0.publishedAt) }) ?? true { portfolio = summary }
        default:
            break
        }
    }
}
