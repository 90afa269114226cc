import PMOModel

/// Procurement against the cost plan (check `procurement-cost`, on the procurement plan): what
/// is bought from outside is paid from the baseline, so the procurement items' estimated costs
/// together fit inside the budget at completion (≤ BAC).
///
/// The contract keeps the items in BAC's currency; an item in another currency is still reported,
/// by description, and left out of the sum. A procurement plan with no items has nothing to fit.
/// Skipped when there is no procurement plan.
///
/// Worked example: items of 600,000 EUR and 250,000 EUR with BAC 800,000 EUR give "The 2
/// procurement items cost 850,000 EUR, more than BAC of 800,000 EUR."
public enum ProcurementCost {
    /// One finding per item in another currency, then at most one for the total.
    public static func check(_ plan: PlanSubmitted) -> [RuleFinding] {
        guard let procurement = plan.subPlans.procurement else { return [] }
        let bac = plan.baseline.budgetAtCompletion
        var findings: [RuleFinding] = []
        var total = Money(0, bac.currency)
        for item in procurement.items {
            if item.estimatedCost.currency == bac.currency {
                total.amount += item.estimatedCost.amount
            } else {
                findings.append(RuleFinding(.procurementCost, on: .procurement,
                                            "The procurement item '\(item.description)' is priced in \(item.estimatedCost.currency) but BAC is in \(bac.currency); it cannot be compared."))
            }
        }
        if total.amount > bac.amount {
            findings.append(RuleFinding(.procurementCost, on: .procurement,
                                        "The \(procurement.items.count.counting("procurement item")) cost \(total.readable), more than BAC of \(bac.readable)."))
        }
        return findings
    }
}
