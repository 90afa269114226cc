import Foundation
import PMOModel

/// The allocation book of one resource (the record key of the resource events): its live
/// allocations and the months with an open over-allocation conflict. A plain state machine:
/// ``receive(_:capacityHoursPerWeek:priorities:policyVersion:at:)`` (a request or a release) is its
/// only transition and returns the actions to take; no I/O.
///
/// - An allocation is identified by its project and its `allocationId` (a project-local
///   reference). A request repeating a held allocation **replaces** it (an amended request: its
///   hours, period and request time), unless it was requested earlier than the one held, which
///   is a stale redelivery and changes nothing. The identical request again changes nothing.
/// - A release with `hoursReleased` takes that many hours off the allocation; without it, or
///   with at least the hours held, it removes the allocation. A release of an allocation not held
///   (another project's, or unknown) changes nothing. A request or release for another resource
///   changes nothing.
/// - Load is evaluated per calendar month: each allocation's hours are spread evenly over its
///   calendar days, both ends counted (``CalendarMonth/spread(_:from:to:)``, as the planning
///   review does for plans). The capacity of a month is `capacityHoursPerWeek × days / 7`.
///   Shares and capacity are rounded to the hundredth of an hour; a month is over when its
///   rounded allocated hours exceed its rounded capacity, so every event states figures that
///   satisfy its contract.
/// - A month over capacity is a conflict (see ``conflict(in:capacityHoursPerWeek:priorities:policyVersion:at:)``
///   for the resolution). It is published when the month newly conflicts or when its figures
///   change (the detection time and policy version alone do not count); a month with an open
///   conflict that is no longer over is resolved.
/// - The capacity and the priority table are the caller's at each transition; a change to them
///   alone shows at the resource's next request or release.
public struct ResourceAllocations: Codable, Sendable, Equatable {
    /// One live allocation.
    public struct Allocation: Codable, Sendable, Equatable {
        /// Its identifier within the project, e.g. `AL-12`.
        public var allocationId: String
        /// The project holding it.
        public var projectId: String
        /// Its first day.
        public var periodStart: CalendarDate
        /// Its last day.
        public var periodEnd: CalendarDate
        /// The hours it holds, after any partial release.
        public var hours: Double
        /// When it was requested (the tie-break between equal priorities).
        public var requestedAt: Date

        /// Creates an allocation.
        public init(allocationId: String, projectId: String, periodStart: CalendarDate, periodEnd: CalendarDate,
                    hours: Double, requestedAt: Date) {
            self.allocationId = allocationId
            self.projectId = projectId
            self.periodStart = periodStart
            self.periodEnd = periodEnd
            self.hours = hours
            self.requestedAt = requestedAt
        }

        /// The allocation a request asks for.
        public init(_ request: AllocationRequested) {
            self.init(allocationId: request.allocationId, projectId: request.projectId,
                      periodStart: request.periodStart, periodEnd: request.periodEnd,
                      hours: request.hours, requestedAt: request.requestedAt)
        }
    }

    /// The resource.
    public var resourceId: String
    /// The live allocations, in the order first requested.
    public var allocations: [Allocation]
    /// The open conflicts, by month: the last event published for each.
    public var openConflicts: [CalendarMonth: ResourceConflictDetected]

    /// A resource with no allocation yet.
    public init(resourceId: String, allocations: [Allocation] = [],
                openConflicts: [CalendarMonth: ResourceConflictDetected] = [:]) {
        self.resourceId = resourceId
        self.allocations = allocations
        self.openConflicts = openConflicts
    }

    /// The priority given to a project the table does not list: the lowest.
    public static let unknownProjectPriority = Priority.low

    /// Books a request (see the type's rules) and returns the conflicts it opens, changes or
    /// resolves.
    public mutating func receive(_ request: AllocationRequested, capacityHoursPerWeek: Double,
                                 priorities: [String: Priority], policyVersion: Int,
                                 at: Date) -> [ResourceConflictAction] {
        guard request.resourceId == resourceId else { return [] }
        let allocation = Allocation(request)
        if let index = index(of: request.allocationId, project: request.projectId) {
            guard allocations[index].requestedAt <= request.requestedAt else { return [] }
            allocations[index] = allocation
        } else {
            allocations.append(allocation)
        }
        return evaluate(capacityHoursPerWeek: capacityHoursPerWeek, priorities: priorities,
                        policyVersion: policyVersion, at: at)
    }

    /// Books a release (see the type's rules) and returns the conflicts it changes or resolves.
    public mutating func receive(_ release: AllocationReleased, capacityHoursPerWeek: Double,
                                 priorities: [String: Priority], policyVersion: Int,
                                 at: Date) -> [ResourceConflictAction] {
        guard release.resourceId == resourceId,
              let index = index(of: release.allocationId, project: release.projectId) else { return [] }
        if let released = release.hoursReleased, released < allocations[index].hours {
            allocations[index].hours -= released
        } else {
            allocations.remove(at: index)
        }
        return evaluate(capacityHoursPerWeek: capacityHoursPerWeek, priorities: priorities,
                        policyVersion: policyVersion, at: at)
    }

    private func index(of allocationId: String, project projectId: String) -> Int? {
        allocations.firstIndex { $0.allocationId == allocationId && $0.projectId == projectId }
    }

    /// Each month's allocated share per allocation (rounded to the hundredth; zero shares left
    /// out), months in date order.
    public func monthlyShares() -> [(month: CalendarMonth, shares: [(allocation: Allocation, hours: Double)])] {
        var byMonth: [CalendarMonth: [(allocation: Allocation, hours: Double)]] = [:]
        for allocation in allocations {
            for (month, share) in CalendarMonth.spread(allocation.hours, from: allocation.periodStart, to: allocation.periodEnd) {
                let hours = Self.hundredths(share)
                if hours > 0 { byMonth[month, default: []].append((allocation, hours)) }
            }
        }
        return byMonth.sorted { $0.key < $1.key }.map { (month: $0.key, shares: $0.value) }
    }

    /// The capacity of `month`: `capacityHoursPerWeek × days / 7`, rounded to the hundredth.
    public static func capacity(of month: CalendarMonth, capacityHoursPerWeek: Double) -> Double {
        hundredths(capacityHoursPerWeek * Double(month.days) / 7)
    }

    private mutating func evaluate(capacityHoursPerWeek: Double, priorities: [String: Priority],
                                   policyVersion: Int, at: Date) -> [ResourceConflictAction] {
        var current: [CalendarMonth: ResourceConflictDetected] = [:]
        for (month, _) in monthlyShares() {
            if let conflict = conflict(in: month, capacityHoursPerWeek: capacityHoursPerWeek, priorities: priorities,
                                       policyVersion: policyVersion, at: at) {
                current[month] = conflict
            }
        }
        var actions: [ResourceConflictAction] = []
        for month in Set(current.keys).union(openConflicts.keys).sorted() {
            switch (openConflicts[month], current[month]) {
            case (let open?, nil):
                openConflicts[month] = nil
                actions.append(.resolved(month, clears: open))
            case (let open, let conflict?):
                if let open, Self.sameFigures(open, conflict) { continue }
                openConflicts[month] = conflict
                actions.append(.conflict(conflict))
            case (nil, nil):
                continue
            }
        }
        return actions
    }

    /// Whether two conflicts state the same figures and resolution (detection time and policy
    /// version aside).
    static func sameFigures(_ lhs: ResourceConflictDetected, _ rhs: ResourceConflictDetected) -> Bool {
        var rhs = rhs
        rhs.detectedAt = lhs.detectedAt
        rhs.policyVersion = lhs.policyVersion
        return lhs == rhs
    }

    /// The conflict of `month`, `nil` when its allocated hours are within its capacity.
    ///
    /// It names every allocation with hours in the month (its share, its project's priority from
    /// `priorities`, ``unknownProjectPriority`` when unlisted), in the order of the resolution:
    /// priority (critical first), then the earlier request, then the allocation and project ids.
    /// The resolution cuts the overload (allocated − capacity) from the last of that order
    /// upwards, each allocation giving up at most its hours in the month, so the first keep
    /// theirs; one adjustment per allocation cut.
    public func conflict(in month: CalendarMonth, capacityHoursPerWeek: Double, priorities: [String: Priority],
                         policyVersion: Int, at: Date) -> ResourceConflictDetected? {
        guard let shares = monthlyShares().first(where: { $0.month == month })?.shares else { return nil }
        let capacity = Self.capacity(of: month, capacityHoursPerWeek: capacityHoursPerWeek)
        let allocated = Self.hundredths(shares.reduce(0) { $0 + $1.hours })
        guard allocated > capacity else { return nil }
        let ranked = shares.map { share in
            ConflictingAllocation(projectId: share.allocation.projectId, allocationId: share.allocation.allocationId,
                                  hours: share.hours,
                                  priority: priorities[share.allocation.projectId] ?? Self.unknownProjectPriority)
        }.enumerated().sorted { lhs, rhs in
            let (left, right) = (shares[lhs.offset].allocation, shares[rhs.offset].allocation)
            let (leftRank, rightRank) = (Self.rank(lhs.element.priority), Self.rank(rhs.element.priority))
            if leftRank != rightRank { return leftRank < rightRank }
            if left.requestedAt != right.requestedAt { return left.requestedAt < right.requestedAt }
            if left.allocationId != right.allocationId { return left.allocationId < right.allocationId }
            return left.projectId < right.projectId
        }.map(\.element)

        var remaining = Self.hundredths(allocated - capacity)
        var cuts: [AllocationAdjustment] = []
        for allocation in ranked.reversed() where remaining > 0 {
            let cut = Self.hundredths(min(allocation.hours, remaining))
            remaining = Self.hundredths(remaining - cut)
            cuts.append(AllocationAdjustment(projectId: allocation.projectId, allocationId: allocation.allocationId,
                                             reduceByHours: cut))
        }
        let rationale = Self.rationale(resourceId: resourceId, month: month, capacity: capacity, allocated: allocated,
                                       ranked: ranked, cuts: cuts)
        return ResourceConflictDetected(
            resourceId: resourceId, detectedAt: at, policyVersion: policyVersion,
            periodStart: month.firstDay, periodEnd: month.lastDay, capacityHours: capacity, allocatedHours: allocated,
            allocations: ranked, resolution: ConflictResolution(rationale: rationale, adjustments: cuts))
    }

    /// "RES-0112 is allocated 200 h in 2026-05 against 159.43 h of capacity (40.57 h over). By
    /// project priority, ties to the earlier request: PRJ-… (critical, AL-1) keeps its 80 h;
    /// PRJ-… (low, AL-3) gives up 40.57 h of 50 h."
    static func rationale(resourceId: String, month: CalendarMonth, capacity: Double, allocated: Double,
                          ranked: [ConflictingAllocation], cuts: [AllocationAdjustment]) -> String {
        let parts = ranked.map { allocation -> String in
            let who = "\(allocation.projectId) (\(allocation.priority.rawValue), \(allocation.allocationId))"
            let cut = cuts.first { $0.allocationId == allocation.allocationId && $0.projectId == allocation.projectId }
            guard let cut else { return "\(who) keeps its \(hoursText(allocation.hours)) h" }
            if cut.reduceByHours >= allocation.hours { return "\(who) gives up all its \(hoursText(allocation.hours)) h" }
            return "\(who) gives up \(hoursText(cut.reduceByHours)) h of \(hoursText(allocation.hours)) h"
        }
        return "\(resourceId) is allocated \(hoursText(allocated)) h in \(month) against \(hoursText(capacity)) h of capacity (\(hoursText(hundredths(allocated - capacity))) h over). By project priority, ties to the earlier request: \(parts.joined(separator: "; "))."
    }

    /// Critical 0 … low 3.
    static func rank(_ priority: Priority) -> Int {
        switch priority {
        case .critical: 0
        case .high: 1
        case .medium: 2
        case .low: 3
        }
    }

    static func hundredths(_ hours: Double) -> Double {
        (hours * 100).rounded() / 100
    }

    /// Hours with up to two decimals and no trailing zeros: "80", "159.43", "40.5".
    static func hoursText(_ hours: Double) -> String {
        let cents = Int((hours * 100).rounded())
        let whole = "\(cents / 100)"
        let fraction = cents % 100
        if fraction == 0 { return whole }
        return fraction % 10 == 0 ? "\(whole).\(fraction / 10)" : "\(whole).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
