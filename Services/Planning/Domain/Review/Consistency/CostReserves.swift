import PMOModel

/// Cost reserves (check `reserves`, on the cost plan): the contingency reserve, for identified
/// risks, is part of the baseline, so it must fit inside the budget at completion (≤ BAC).
///
/// The management reserve, for unknown risks, is outside the baseline: nothing ties it to BAC
/// here, but the charter check adds it to BAC against the budget ceiling (``BudgetCeiling``).
/// The contract keeps both reserves in BAC's currency; a reserve in another currency is still
/// reported, as not comparable. Skipped when there is no cost plan.
///
/// Worked example: a contingency of 900,000 EUR with BAC 800,000 EUR gives "The contingency
/// reserve of 900,000 EUR exceeds BAC of 800,000 EUR, which it is part of."
public enum CostReserves {
    /// At most one finding.
    public static func check(_ plan: PlanSubmitted) -> [RuleFinding] {
        guard let cost = plan.subPlans.cost else { return [] }
        let bac = plan.baseline.budgetAtCompletion
        let contingency = cost.contingencyReserve
        if contingency.currency != bac.currency {
            return [RuleFinding(.reserves, on: .cost,
                                "The contingency reserve is in \(contingency.currency) but BAC is in \(bac.currency); they cannot be compared.")]
        }
        if contingency.amount > bac.amount {
            return [RuleFinding(.reserves, on: .cost,
                                "The contingency reserve of \(contingency.readable) exceeds BAC of \(bac.readable), which it is part of.")]
        }
        return []
    }
}
