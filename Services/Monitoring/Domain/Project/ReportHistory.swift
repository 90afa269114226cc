import Foundation
import PMOModel

/// The status reports monitoring has recorded for a project, in period order: what the trend
/// and the adverse-trend rule need (the unrounded indices of each measured report) and what
/// late, corrected and overdue reports are judged by (the latest status date).
public struct ReportHistory: Codable, Sendable, Equatable {
    /// One recorded report.
    public struct Entry: Codable, Sendable, Equatable {
        /// Its status date (the period end).
        public var asOf: CalendarDate
        /// Its unrounded SPI and CPI, `nil` when it was not measured (no baseline yet).
        public var indices: PerformanceIndices?
    }

    /// The most recent entries kept (enough for any trend window the policy can ask for within
    /// reason; older ones no longer matter).
    public static let kept = 24

    /// The entries, in period order, one per status date.
    public private(set) var entries: [Entry] = []
    /// How many reports were recorded (corrections included), ever.
    public private(set) var received = 0

    /// No report yet.
    public init() {}

    /// The latest status date recorded.
    public var latestAsOf: CalendarDate? { entries.last?.asOf }

    /// How a report relates to what was recorded before it.
    public enum Arrival: Sendable, Equatable {
        /// A later period than any recorded (or the first report).
        case next
        /// The same period as the latest: it replaces that report.
        case correction
        /// An earlier period than the latest: recorded, never overwrites newer health.
        case late
    }

    /// How a report for `asOf` arrives.
    public func arrival(of asOf: CalendarDate) -> Arrival {
        guard let latest = latestAsOf else { return .next }
        if asOf > latest { return .next }
        return asOf == latest ? .correction : .late
    }

    /// Records a report for `asOf`, replacing an earlier one for the same date; `counted` false
    /// for a report recorded before and measured again (it was received once).
    public mutating func record(asOf: CalendarDate, indices: PerformanceIndices?, counted: Bool = true) {
        if counted { received += 1 }
        let entry = Entry(asOf: asOf, indices: indices)
        if let index = entries.firstIndex(where: { $0.asOf == asOf }) {
            entries[index] = entry
        } else {
            let position = entries.firstIndex { $0.asOf > asOf } ?? entries.endIndex
            entries.insert(entry, at: position)
        }
        if entries.count > Self.kept { entries.removeFirst(entries.count - Self.kept) }
    }

    /// The indices of the measured report before `asOf`, if any.
    public func previousIndices(before asOf: CalendarDate) -> PerformanceIndices? {
        entries.last { $0.asOf < asOf && $0.indices != nil }?.indices
    }

    /// The indices of the measured reports up to and including `asOf`, in period order; with
    /// `last`, only the latest `last` of them (what a trend window needs, gathered without
    /// building the whole list first: this runs for every status report).
    public func indices(through asOf: CalendarDate, last: Int = .max) -> [PerformanceIndices] {
        var found: [PerformanceIndices] = []
        found.reserveCapacity(min(last, entries.count))
        for entry in entries.reversed() where entry.asOf <= asOf {
            guard found.count < last else { break }
            if let indices = entry.indices { found.append(indices) }
        }
        found.reverse()
        return found
    }
}
