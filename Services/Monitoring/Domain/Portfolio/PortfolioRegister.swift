import Foundation
import PMOModel

/// The portfolio register as the summary stage sees it: the latest entry of every project, read
/// from the compacted topic `pmo.portfolio.register` (one record per project, key = project id).
///
/// An entry replaces the one held for its project unless it is older (`updatedAt` earlier), so a
/// late or replayed older entry never rolls a project back. Entries with the same `updatedAt`
/// replace each other in the order they are applied: within a project's partition that is the
/// topic's order, the writer's. A tombstone (a record with no value) removes the project.
///
/// What the register holds therefore does not depend on the order in which the entries of
/// different projects, or the differently timed entries of one project, were applied.
public struct PortfolioRegister: Sendable, Equatable {
    /// The latest entry of every project, by project id.
    public private(set) var entries: [String: PortfolioEntryUpdated]

    /// A register holding `entries` (applied in the given order).
    public init(_ entries: [PortfolioEntryUpdated] = []) {
        self.entries = [:]
        for entry in entries { apply(entry) }
    }

    /// Applies one entry; returns whether the register changed.
    @discardableResult
    public mutating func apply(_ entry: PortfolioEntryUpdated) -> Bool {
        if let held = entries[entry.projectId] {
            guard entry.updatedAt >= held.updatedAt, entry != held else { return false }
        }
        entries[entry.projectId] = entry
        return true
    }

    /// Removes a project (its tombstone on the compacted topic); returns whether it was there.
    @discardableResult
    public mutating func remove(projectId: String) -> Bool {
        entries.removeValue(forKey: projectId) != nil
    }

    /// The entries ordered by project id.
    public var sortedEntries: [PortfolioEntryUpdated] {
        entries.values.sorted { $0.projectId < $1.projectId }
    }

    /// The number of projects held.
    public var count: Int { entries.count }
}
