import PMOModel

/// Classifies a project as standard, complex or major by the policy's criteria: meeting any one
/// threshold of a class (budget, duration, departments involved) is enough, major first. A budget
/// in another currency is converted with the policy's rates (``PolicyCurrency``); intake refuses a
/// proposal whose amounts no rate converts before it gets here.
public enum ClassificationRule {
    /// The class of `proposal` and, for complex and major, the threshold that made it so.
    public static func classify(_ proposal: ProposalSubmitted, policy: PolicyPublished) -> (ProjectClassification, reason: String) {
        if let reason = meets(policy.classification.major, proposal, policy: policy) { return (.major, reason) }
        if let reason = meets(policy.classification.complex, proposal, policy: policy) { return (.complex, reason) }
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

    private static func meets(_ criteria: ClassificationCriteria, _ proposal: ProposalSubmitted, policy: PolicyPublished) -> String? {
        if let budget = proposal.budgetEstimate,
           let converted = PolicyCurrency.convert(budget, to: criteria.minBudget.currency, policy: policy),
           converted.amount >= criteria.minBudget.amount {
            let shown = converted.currency == budget.currency ? budget.readable : "\(budget.readable) (\(converted.readable))"
            return "budget \(shown) ≥ \(criteria.minBudget.readable)"
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
