import PMOModel

/// Resource demand: the hours requested per role against the capacity the portfolio leaves free
/// for that role over the project's duration: the roster's capacity minus the hours of that role's
/// resources already allocated to other work within the proposal's dates (``PortfolioView``). The
/// most demanded role decides: up to half of the free capacity scores 100, all of it or more
/// scores 0, linearly between; a role nobody on the roster has scores 0.
public enum ResourceDemand {
    /// Each role `proposal` needs, with the roster's hours, the hours already allocated and the
    /// hours left free over its dates (in the order the needs are listed); empty without needs or dates.
    public static func capacities(_ proposal: ProposalSubmitted, roster: RosterPublished,
                                  portfolio: PortfolioView = PortfolioView()) -> [RoleCapacity] {
        guard let start = proposal.targetStart, let finish = proposal.targetFinish else { return [] }
        let weeks = ProjectDuration(from: start, to: finish).weeks
        var hoursByRole: [String: Double] = [:]
        var order: [String] = []
        for need in proposal.resourceNeeds {
            if hoursByRole[need.role] == nil { order.append(need.role) }
            hoursByRole[need.role, default: 0] += need.hours
        }
        return order.map { role in
            let resources = roster.members.compactMap(\.resource).filter { $0.skill == role }
            let rosterHours = resources.reduce(0) { $0 + $1.capacityHoursPerWeek } * weeks
            let allocated = portfolio.allocatedHours(of: Set(resources.map(\.resourceId)), from: start, to: finish)
            return RoleCapacity(role: role, requestedHours: hoursByRole[role] ?? 0, rosterHours: rosterHours,
                                allocatedHours: allocated, freeHours: max(rosterHours - allocated, 0))
        }
    }

    /// Scores `proposal`'s resource needs against the free capacity.
    public static func score(_ proposal: ProposalSubmitted, roster: RosterPublished,
                             portfolio: PortfolioView = PortfolioView()) -> CriterionResult {
        guard let start = proposal.targetStart, let finish = proposal.targetFinish, !proposal.resourceNeeds.isEmpty else {
            return CriterionResult(score: 0, reason: "no resource needs or schedule to weigh")
        }
        let weeks = ProjectDuration(from: start, to: finish).weeks
        var worst: (capacity: RoleCapacity, share: Double)?
        for capacity in capacities(proposal, roster: roster, portfolio: portfolio) {
            if capacity.rosterHours == 0 {
                if capacity.requestedHours > 0 {
                    return CriterionResult(score: 0, reason: "nobody on roster v\(roster.version) has the role \(capacity.role) (\(capacity.requestedHours.oneDecimal) h requested)")
                }
                continue
            }
            let share = capacity.freeHours == 0 ? (capacity.requestedHours > 0 ? Double.infinity : 0)
                : capacity.requestedHours / capacity.freeHours
            if share > (worst?.share ?? -1) { worst = (capacity, share) }
        }
        guard let worst else {
            return CriterionResult(score: 100, reason: "no hours requested")
        }
        let score = worst.share <= 0.5 ? 100 : max(0, (1 - worst.share) / 0.5 * 100)
        let capacity = worst.capacity
        let free = capacity.allocatedHours > 0
            ? "\(capacity.freeHours.oneDecimal) h free of \(capacity.rosterHours.oneDecimal) h roster capacity (\(capacity.allocatedHours.oneDecimal) h already allocated)"
            : "\(capacity.rosterHours.oneDecimal) h roster capacity"
        let share = worst.share.isFinite ? "\(worst.share.percent)%" : "none free"
        return CriterionResult(
            score: score,
            reason: "most demanded role \(capacity.role): \(capacity.requestedHours.oneDecimal) h of \(free) over \(weeks.oneDecimal) weeks (\(share))")
    }
}
