import PMOModel

/// The limits the policy calls hard (`intake.hardLimits`): a proposal over the budget limit, over
/// the duration limit, or without a field the policy makes mandatory is rejected with the reason,
/// whatever its score. Limits not called hard only weigh in feasibility's score.
public enum HardLimitGate {
    /// Every hard limit `proposal` breaks, in the order budget, duration, mandatory fields; empty
    /// when it passes (or the policy calls no limit hard).
    public static func breaches(_ proposal: ProposalSubmitted, policy: PolicyPublished) -> [String] {
        guard let hard = policy.intake.hardLimits else { return [] }
        var breaches: [String] = []
        let limit = policy.intake.maxBudget
        if hard.budget, let budget = proposal.budgetEstimate,
           let converted = PolicyCurrency.convert(budget, to: limit.currency, policy: policy), converted.amount > limit.amount {
            let shown = converted.currency == budget.currency ? budget.readable : "\(budget.readable) (\(converted.readable))"
            breaches.append("the budget estimate of \(shown) exceeds the policy's hard limit of \(limit.readable)")
        }
        if hard.duration, let start = proposal.targetStart, let finish = proposal.targetFinish {
            let months = ProjectDuration(from: start, to: finish).months
            if months > Double(policy.intake.maxDurationMonths) {
                breaches.append("the duration of \(months.oneDecimal) months exceeds the policy's hard limit of \(policy.intake.maxDurationMonths) months")
            }
        }
        for field in hard.mandatoryFields where !isGiven(field, in: proposal) {
            breaches.append("the policy makes \(field.rawValue) mandatory and the proposal does not give it")
        }
        return breaches
    }

    /// Whether `proposal` gives `field` (a list with at least one item).
    static func isGiven(_ field: ProposalField, in proposal: ProposalSubmitted) -> Bool {
        switch field {
        case .businessCase: proposal.businessCase != nil
        case .scope: proposal.scope != nil
        case .budgetEstimate: proposal.budgetEstimate != nil
        case .targetStart: proposal.targetStart != nil
        case .targetFinish: proposal.targetFinish != nil
        case .strategicObjectives: !proposal.strategicObjectives.isEmpty
        case .objectives: !proposal.objectives.isEmpty
        case .deliverables: !proposal.deliverables.isEmpty
        case .assumptions: !proposal.assumptions.isEmpty
        case .constraints: !proposal.constraints.isEmpty
        case .resourceNeeds: !proposal.resourceNeeds.isEmpty
        case .initialRisks: !proposal.initialRisks.isEmpty
        case .departmentsInvolved: !proposal.departmentsInvolved.isEmpty
        }
    }
}
