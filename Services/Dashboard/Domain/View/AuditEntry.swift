import Foundation
import PMOModel

/// One decision in a project's audit trail: what was decided, when, by whom, why, and under
/// which policy version.
public struct AuditEntry: Equatable, Sendable, Comparable, Encodable {
    /// Which process decided.
    public enum Process: String, Sendable, CaseIterable, Encodable {
        case intake, planning, change, monitoring
    }

    /// When.
    public var at: Date
    /// Which process.
    public var process: Process
    /// One line: "proposal r2 approved", "baseline r2 from CR-2026-201 r1".
    public var title: String
    /// Who decided (the authority, or the reviewers and voters), when the event says.
    public var decidedBy: [String]
    /// The reasons given.
    public var reasons: [String]
    /// The policy version in force.
    public var policyVersion: Int

    public init(at: Date, process: Process, title: String, decidedBy: [String] = [], reasons: [String] = [], policyVersion: Int) {
        self.at = at
        self.process = process
        self.title = title
        self.decidedBy = decidedBy
        self.reasons = reasons
        self.policyVersion = policyVersion
    }

    /// By time, then process and title, so that the trail reads the same whatever order the
    /// events arrived in.
    public static func < (lhs: AuditEntry, rhs: AuditEntry) -> Bool {
        (lhs.at, lhs.process.rawValue, lhs.title) < (rhs.at, rhs.process.rawValue, rhs.title)
    }
}
