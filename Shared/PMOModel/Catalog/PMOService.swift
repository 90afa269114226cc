/// The four PMO services. Each is the single writer of its output topics, its dead-letter topic
/// and its changelog.
public enum PMOService: String, Sendable, Codable, CaseIterable {
    /// Proposal screening, scoring, department reviews and chartering.
    case intake
    /// Plan review, expert review and baselining.
    case planning
    /// Status, health, alerts, escalations, resource conflicts and the portfolio.
    case monitoring
    /// Change requests, CCB votes and rebaselining.
    case change

    /// The service's `ce_source`, e.g. `/pmo/intake`.
    public var source: String { "/pmo/\(rawValue)" }

    /// The service as a topic participant.
    public var participant: TopicParticipant {
        switch self {
        case .intake: .intake
        case .planning: .planning
        case .monitoring: .monitoring
        case .change: .change
        }
    }
}

/// Who writes or reads a topic: one of the services, or `upstream` (systems and people outside
/// the services, through the CLI or integrations).
public enum TopicParticipant: String, Sendable, Codable, CaseIterable {
    /// The intake service.
    case intake
    /// The planning review service.
    case planning
    /// The monitoring service.
    case monitoring
    /// The change control service.
    case change
    /// Upstream systems, people (through `pmoctl`), dashboards and operators.
    case upstream

    /// The service, `nil` for upstream.
    public var service: PMOService? { PMOService(rawValue: rawValue) }
}
