import Foundation

/// A decision waiting on people, for the PMO meeting: what, on whom, since when.
public struct WaitingDecision: Equatable, Sendable, Encodable {
    public var projectId: String
    public var process: AuditEntry.Process
    /// "proposal r2", "plan r1", "CR-2026-201 r1".
    public var subject: String
    /// "reviews: finance, legal", "expert review: two high risks", "change-control-board: …".
    public var waitingOn: String
    /// Since the assessment that asked for it.
    public var since: Date
}
