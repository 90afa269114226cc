import PMOModel

/// Resource demand: the hours requested per role against the capacity the roster lists for that
/// role over the project's duration. The most demanded role decides: up to half of the capacity
/// scores 100, all of it or more scores 0, linearly between; a role nobody on the roster has
/// scores 0.
public enum ResourceDemand {
    /// Scores `proposal`'s resource needs against `roster`.
    public static func score(_ proposal: ProposalSubmitted, roster: RosterPublished) -> CriterionResult {
        guard let start = proposal.targetStart, let finish = proposal.targetFinish, !proposal.resourceNeeds.isEmpty else {
            return CriterionResult(score: 0, reason: "no resource needs or schedule to weigh")
        }
        let weeks = ProjectDuration(from: start, to: finish).weeks
        var hoursByRole: [String: Double] = [:]
        var order: [String] = []
        for need in proposal.resourceNeeds {
            if hoursByRole[need.role] == nil { order.append(need.role) }
            hoursByRole[need.role, default: 0] += need.hours
        }
        var worst: (role: String, hours: Double, capacity: Double, share: Double)?
        for role in order {
            let hours = hoursByRole[role] ?? 0
            let weekly = roster.members.compactMap(\.resource).filter { $0.skill == role }
                .reduce(0) { $0 + $1.capacityHoursPerWeek }
            let capacity = weekly * weeks
            if capacity == 0 {
                if hours > 0 {
                    return CriterionResult(score: 0, reason: "nobody on roster v\(roster.version) has the role \(role) (\(hours.oneDecimal) h requested)")
                }
                continue
            }
            let share = hours / capacity
            if share > (worst?.share ?? -1) { worst = (role, hours, capacity, share) }
        }
        guard let worst else {
            return CriterionResult(score: 100, reason: "no hours requested")
        }
        let score = worst.share <= 0.5 ? 100 : (1 - worst.share) / 0.5 * 100
        return CriterionResult(
            score: score,
            reason: "most demanded role \(worst.role): \(worst.hours.oneDecimal) h of \(worst.capacity.oneDecimal) h roster capacity over \(weeks.oneDecimal) weeks (\(worst.share.percent)%)")
    }
}
