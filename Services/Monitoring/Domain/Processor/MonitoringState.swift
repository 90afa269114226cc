/// Monitoring's state for one record key: a project's (status reports and project events are
/// keyed by project id) or a resource's (allocations are keyed by resource id). The two key
/// spaces never overlap (`PRJ-…` and `RES-…`).
public enum MonitoringState: Codable, Sendable, Equatable {
    /// A project's monitoring.
    case project(ProjectMonitoring)
    /// A resource's allocation book.
    case resource(ResourceBook)
}
