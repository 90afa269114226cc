import PMOModel

/// Resources on the roster (check `resource-roster`, on the resource plan): every resource
/// assignment of the baseline names a resource some roster member's `resource` profile has.
///
/// Runs on the baseline's assignments, so also when the resource plan itself is missing.
///
/// Worked example: RES-0999 assigned to WP-2 and WP-3, on no roster member, gives "Resource
/// RES-0999, assigned to WP-2 and WP-3, is not on the roster (version 12)."
public enum ResourceRoster {
    /// One finding per unknown resource, in the order of its first assignment.
    public static func check(_ baseline: PlanBaseline, roster: RosterPublished) -> [RuleFinding] {
        let known = Set(roster.members.compactMap(\.resource?.resourceId))
        var unknown: [String] = []
        var packages: [String: [String]] = [:]
        for assignment in baseline.resourceAssignments where !known.contains(assignment.resourceId) {
            if packages[assignment.resourceId] == nil { unknown.append(assignment.resourceId) }
            if !packages[assignment.resourceId, default: []].contains(assignment.workPackageId) {
                packages[assignment.resourceId, default: []].append(assignment.workPackageId)
            }
        }
        return unknown.map { id in
            RuleFinding(.resourceRoster, on: .resource,
                        "Resource \(id), assigned to \(packages[id, default: []].listed), is not on the roster (version \(roster.version)).")
        }
    }
}
