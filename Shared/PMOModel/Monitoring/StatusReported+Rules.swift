extension StatusReported {
    /// Period in order; progress given as percent complete or earned value; milestones reached
    /// within the period; one currency; unique risk and issue ids; a final report has lessons learned.
    func validateRules(at pointer: JSONPointer, into violations: inout ViolationCollector) {
        violations.ordered(periodStart, periodEnd, startName: "the period start", at: pointer / "periodEnd")
        violations.require(percentComplete != nil || earnedValue != nil, pointer / "percentComplete",
                           "a status report must give the percent complete or the earned value")
        if let earnedValue {
            violations.require(earnedValue.currency == actualCost.currency, pointer / "earnedValue" / "currency",
                               "is \(earnedValue.currency) but the actual cost is in \(actualCost.currency)")
        }
        for (index, reached) in milestonesReached.enumerated() {
            violations.require(reached.reachedOn <= periodEnd, pointer / "milestonesReached" / index / "reachedOn",
                               "\(reached.reachedOn) is after the end of the period (\(periodEnd))")
        }
        violations.unique(risks.map(\.riskId), at: pointer / "risks", "risk id")
        violations.unique(issues.map(\.issueId), at: pointer / "issues", "issue id")
        if final {
            violations.require(!lessonsLearned.isEmpty, pointer / "lessonsLearned",
                               "a final report must record the lessons learned")
        }
    }
}
