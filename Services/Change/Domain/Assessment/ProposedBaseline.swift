import Foundation
import PMOModel

/// The baseline a change request would set: its proposed work-package changes applied to the
/// baseline in force, successors pushed out by their predecessor links, and the BAC and the
/// planned-value curve recomputed (``PlannedValueCurveRevision``).
///
/// - A change with a new start and finish sets both; with a new start only, the package moves and
///   keeps its duration; with a new finish only, it ends then. A new planned value replaces the
///   old one. A package the baseline does not have is added with its description as its name.
/// - A package whose start falls before a predecessor's finish plus one day plus the lag moves
///   later by the difference, keeping its duration, and so on down the network. Packages are
///   never pulled earlier: an earlier finish frees float, it does not reschedule successors.
/// - Milestones, resource assignments and the curve's dates before the new finish are kept.
public struct ProposedBaseline: Sendable, Equatable {
    /// The baseline after the change.
    public var baseline: PlanBaseline
    /// The packages whose dates or planned value change (moved successors included), in baseline
    /// order, added ones last.
    public var changedWorkPackages: [String]
    /// The packages the change adds.
    public var addedWorkPackages: [String]

    /// Applies `changes` (checked complete by ``ChangeRequestCompleteness``) to `current`.
    public init(applying changes: [BaselineChange], to current: PlanBaseline) {
        var packages = current.workPackages
        var added: [String] = []
        for change in changes {
            if let index = packages.firstIndex(where: { $0.workPackageId == change.workPackageId }) {
                packages[index] = Self.changed(packages[index], by: change)
            } else if let start = change.newPlannedStart, let finish = change.newPlannedFinish, let value = change.newPlannedValue {
                packages.append(WorkPackage(workPackageId: change.workPackageId, name: change.description,
                                            plannedStart: start, plannedFinish: finish, plannedValue: value))
                added.append(change.workPackageId)
            }
        }
        Self.pushSuccessors(&packages)
        let original = Dictionary(current.workPackages.map { ($0.workPackageId, $0) }, uniquingKeysWith: { first, _ in first })
        let changedIds = packages.filter { package in
            guard let before = original[package.workPackageId] else { return true }
            return before.plannedStart != package.plannedStart || before.plannedFinish != package.plannedFinish
                || before.plannedValue != package.plannedValue
        }.map(\.workPackageId)
        let currency = current.budgetAtCompletion.currency
        let total = Money(packages.reduce(Decimal(0)) { $0 + $1.plannedValue.amount }, currency)
        let finish = packages.map(\.plannedFinish).max() ?? current.plannedFinish
        let curve = PlannedValueCurveRevision.revise(
            current.plannedValueCurve, before: current.workPackages.filter { changedIds.contains($0.workPackageId) },
            after: packages.filter { changedIds.contains($0.workPackageId) }, finish: finish, budgetAtCompletion: total)
        baseline = PlanBaseline(milestones: current.milestones, workPackages: packages, plannedValueCurve: curve,
                                budgetAtCompletion: total, resourceAssignments: current.resourceAssignments)
        changedWorkPackages = changedIds
        addedWorkPackages = added
    }

    /// `package` with `change` applied (see the type's rules).
    public static func changed(_ package: WorkPackage, by change: BaselineChange) -> WorkPackage {
        var package = package
        switch (change.newPlannedStart, change.newPlannedFinish) {
        case let (start?, finish?):
            package.plannedStart = start
            package.plannedFinish = finish
        case let (start?, nil):
            let duration = package.plannedStart.days(until: package.plannedFinish)
            package.plannedStart = start
            package.plannedFinish = start.adding(days: duration) ?? package.plannedFinish
        case let (nil, finish?):
            package.plannedFinish = finish
        case (nil, nil):
            break
        }
        if let value = change.newPlannedValue { package.plannedValue = value }
        return package
    }

    /// Moves every package that starts too early for its predecessors later, keeping its
    /// duration, until the network settles (at most one pass per package; links in a circle,
    /// which the planning review refuses, stop the pushing there).
    static func pushSuccessors(_ packages: inout [WorkPackage]) {
        guard packages.contains(where: { !$0.predecessors.isEmpty }) else { return }
        var index: [String: Int] = [:]
        for (position, package) in packages.enumerated() where index[package.workPackageId] == nil {
            index[package.workPackageId] = position
        }
        for _ in 0...packages.count {
            var moved = false
            for position in packages.indices {
                let package = packages[position]
                let required = package.predecessors.compactMap { link -> CalendarDate? in
                    guard let predecessor = index[link.workPackageId] else { return nil }
                    return packages[predecessor].plannedFinish.adding(days: 1 + (link.lagDays ?? 0))
                }.max()
                guard let required, package.plannedStart < required else { continue }
                let shift = package.plannedStart.days(until: required)
                packages[position].plannedStart = required
                packages[position].plannedFinish = package.plannedFinish.adding(days: shift) ?? package.plannedFinish
                moved = true
            }
            if !moved { return }
        }
    }
}
