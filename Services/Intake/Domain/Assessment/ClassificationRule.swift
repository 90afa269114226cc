import PMOModel

/// Classifies a project as standard, complex or major by the policy's criteria: meeting any one
/// threshold of a class (budget, duration, departments involved) is enough, major first.
public enum ClassificationRule {
    /// The class of `proposal` and, for complex and major, the threshold that made it so.
    public static func classify(_ proposal: ProposalSubmitted, policy: PolicyPublished) -> (ProjectClassification, reason: String) {
        if let reason = meets(policy.classification.major, proposal) { return (.major, reason) }
        if let reason = meets(policy.classification.complex, proposal) { return (.complex, reason) }
        return (.standard, "below every complex-project threshold")
    }

    /// The departments whose review `classification` requires under `policy`: the policy's
    /// required departments, then those the class adds, without repeats.
    public static func requiredReviewDepartments(for classification: ProjectClassification, policy: PolicyPublished) -> [String] {
        var departments = policy.intake.requiredReviewDepartments
        let added: [String]
        switch classification {
        case .standard: added = []
        case .complex: added = policy.classification.complex.additionalReviewDepartments
        case .major: added = policy.classification.major.additionalReviewDepartments
        }
        for department in added where !departments.contains(department) { departments.append(department) }
        return departments
    }

    private static func meets(_ criteria: ClassificationCriteria, _ proposal: ProposalSubmitted) -> String? {
        if let budget = proposal.budgetEstimate, budget.currency == criteria.minBudget.currency,
           budget.amount >= criteria.minBudget.amount {
            return "budget \(budget.readable) ≥ \(criteria.minBudget.readable)"
        }
        if let start = proposal.targetStart, let finish = proposal.targetFinish {
            let months = ProjectDuration(from: start, to: finish).months
            if months >= Double(criteria.minDurationMonths) {
                return "\(months.oneDecimal) months ≥ \(criteria.minDurationMonths)"
            }
        }
        if proposal.departmentsInvolved.count >= criteria.minDepartmentsInvolved {
            return "\(proposal.departmentsInvolved.count) departments involved ≥ \(criteria.minDepartmentsInvolved)"
        }
        return nil
    }
}
