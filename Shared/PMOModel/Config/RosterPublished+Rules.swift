extension RosterPublished {
    /// People and resource identifiers are unique across the roster.
    func validateRules(at pointer: JSONPointer, into violations: inout ViolationCollector) {
        violations.unique(members.map(\.personId), at: pointer / "members", "person id")
        var resources = Set<String>()
        for (index, member) in members.enumerated() {
            guard let resource = member.resource else { continue }
            violations.require(resources.insert(resource.resourceId).inserted,
                               pointer / "members" / index / "resource" / "resourceId",
                               "resource '\(resource.resourceId)' is already given to another member")
        }
    }

    /// The member with `personId`, if on the roster.
    public func member(_ personId: String) -> RosterMember? {
        members.first { $0.personId == personId }
    }

    /// Members holding `role`, optionally only in `department`.
    public func members(withRole role: RosterRole, in department: String? = nil) -> [RosterMember] {
        members.filter { $0.roles.contains(role) && (department == nil || $0.department == department) }
    }
}
