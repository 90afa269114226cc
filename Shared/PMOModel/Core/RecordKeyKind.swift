/// What a topic's record key is, which decides how its records are partitioned.
public enum RecordKeyKind: String, Sendable, Codable, CaseIterable {
    /// The `projectId`: every project topic, co-partitioned with the others.
    case projectId
    /// The `resourceId`: resource allocations and conflicts.
    case resourceId
    /// The id of a configuration document (policy, roster).
    case configId
    /// The id of a portfolio (the portfolio summary).
    case portfolioId
    /// The key of the record that failed (dead-letter queues keep the original key).
    case originalKey
    /// A key chosen by the owning service for its own state (changelogs).
    case stateKey

    /// The identifier format of the key, when the contracts fix one.
    public var identifierKind: IdentifierKind? {
        switch self {
        case .projectId: .project
        case .resourceId: .resource
        case .configId, .portfolioId: .slug
        case .originalKey, .stateKey: nil
        }
    }
}
