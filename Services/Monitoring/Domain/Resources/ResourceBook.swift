import Foundation
import PMOModel
import ServiceRuntime

/// Monitoring's state for one resource (the record key of `pmo.resources.allocations`): its
/// allocation book (``ResourceAllocations``) and the requests and releases that wait for the
/// policy and roster.
public struct ResourceBook: Codable, Sendable, Equatable {
    /// A request or a release.
    public enum Input: Codable, Sendable, Equatable {
        case request(AllocationRequested)
        case release(AllocationReleased)
    }

    /// The allocations and open conflicts.
    public var allocations: ResourceAllocations
    /// Inputs received before the policy and roster, in arrival order.
    public var waiting: [Input] = []

    /// An empty book for `resourceId`.
    public init(resourceId: String) {
        allocations = ResourceAllocations(resourceId: resourceId)
    }

    /// Books `input` (after the waiting ones once the reference data is known) and returns the
    /// conflicts detected and resolved. The capacity is the roster's for the resource (0 when the
    /// roster does not list it: every hour allocated to an unknown resource is over capacity);
    /// project priorities come from the charters (`priorities`).
    public mutating func receive(_ input: Input?, reference: ReferenceData, priorities: [String: Priority],
                                 now: Date) -> [any PMOEvent] {
        if let input { waiting.append(input) }
        guard let (policy, roster) = reference.ready else { return [] }
        let capacity = roster.members.first { $0.resource?.resourceId == allocations.resourceId }?
            .resource?.capacityHoursPerWeek ?? 0
        let pending = waiting
        waiting = []
        return pending.flatMap { input -> [any PMOEvent] in
            let actions: [ResourceConflictAction] = switch input {
            case .request(let request):
                allocations.receive(request, capacityHoursPerWeek: capacity, priorities: priorities,
                                    policyVersion: policy.version, at: now)
            case .release(let release):
                allocations.receive(release, capacityHoursPerWeek: capacity, priorities: priorities,
                                    policyVersion: policy.version, at: now)
            }
            return actions.map { event(for: $0, capacity: capacity, policyVersion: policy.version, now: now) }
        }
    }

    private func event(for action: ResourceConflictAction, capacity: Double, policyVersion: Int, now: Date) -> any PMOEvent {
        switch action {
        case .conflict(let detected):
            return detected
        case .resolved(let month, clears: let conflict):
            let allocated = allocations.monthlyShares().first { $0.month == month }?.shares.reduce(0) { $0 + $1.hours } ?? 0
            let monthCapacity = ResourceAllocations.capacity(of: month, capacityHoursPerWeek: capacity)
            let rounded = (allocated * 100).rounded() / 100
            return ResourceConflictResolved(
                resourceId: allocations.resourceId, resolvedAt: now, policyVersion: policyVersion,
                periodStart: month.firstDay, periodEnd: month.lastDay, capacityHours: monthCapacity, allocatedHours: rounded,
                reason: "\(allocations.resourceId) is allocated \(Self.hours(rounded)) hours in \(month), within its capacity of \(Self.hours(monthCapacity)) hours (was \(Self.hours(conflict.allocatedHours)))."
            )
        }
    }

    private static func hours(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.2f", value)
    }
}
