import Foundation
import PMOModel

/// The portfolio's money totals, exact and unrounded, in the policy's currency (see
/// ``PortfolioSummary`` for the rules). Entries with an amount in another currency are left out
/// of every total and listed, never converted or added across currencies.
struct MoneyTotals: Sendable, Hashable {
    /// Σ BAC of the projects baselined, executing or closed.
    var budgetAtCompletion: Decimal = 0
    /// Σ (EAC, else BAC) of the same projects.
    var estimateAtCompletion: Decimal = 0
    /// Σ PV of the entries with figures.
    var plannedValue: Decimal = 0
    /// Σ EV of the entries with figures.
    var earnedValue: Decimal = 0
    /// Σ AC of the entries with figures.
    var actualCost: Decimal = 0
    /// Whether at least one entry's figures are in the totals.
    var measured = false
    /// The projects left out for another currency, in the order given.
    var leftOut: [String] = []

    /// The phases whose budgets make up the portfolio's BAC and EAC.
    static let budgetedPhases: Set<ProjectPhase> = [.baselined, .executing, .closed]

    init(_ entries: [PortfolioEntryUpdated], currency: String) {
        for entry in entries {
            guard Self.amounts(of: entry).allSatisfy({ $0.currency == currency }) else {
                leftOut.append(entry.projectId)
                continue
            }
            if Self.budgetedPhases.contains(entry.phase) {
                budgetAtCompletion += entry.budgetAtCompletion?.amount ?? 0
                estimateAtCompletion += (entry.figures?.estimateAtCompletion ?? entry.budgetAtCompletion)?.amount ?? 0
            }
            if let figures = entry.figures {
                plannedValue += figures.plannedValue.amount
                earnedValue += figures.earnedValue.amount
                actualCost += figures.actualCost.amount
                measured = true
            }
        }
    }

    /// Every amount an entry carries.
    static func amounts(of entry: PortfolioEntryUpdated) -> [Money] {
        var amounts = entry.budgetAtCompletion.map { [$0] } ?? []
        if let figures = entry.figures {
            amounts += [figures.plannedValue, figures.earnedValue, figures.actualCost]
            if let estimate = figures.estimateAtCompletion { amounts.append(estimate) }
        }
        return amounts
    }
}
