import Foundation
import PMOModel

/// What intake sees of the portfolio when it assesses a proposal (section 2.1: resources and
/// budget are judged against what the portfolio already holds): the allocations requested and not
/// released (`pmo.resources.allocations`) and the latest portfolio summary
/// (`pmo.portfolio.summary`), both read as reference data.
public struct PortfolioView: Sendable, Equatable {
    /// The allocations requested and not released, by resource and allocation id.
    public var allocations: [String: AllocationRequested]
    /// The latest portfolio summary, once monitoring has published one.
    public var summary: PortfolioSummaryPublished?

    /// A view of `allocations` and `summary`.
    public init(allocations: [AllocationRequested] = [], summary: PortfolioSummaryPublished? = nil) {
        self.allocations = Dictionary(allocations.map { ("\($0.resourceId)/\($0.allocationId)", $0) }, uniquingKeysWith: { _, last in last })
        self.summary = summary
    }

    /// The view of `reference`'s allocations and summary (shared, not copied).
    public init(_ reference: ReferenceData) {
        allocations = reference.allocations
        summary = reference.portfolio
    }

    /// The policy's annual budget envelope minus the portfolio's baselined budgets, in the
    /// envelope's currency; `nil` without an envelope, a summary, or a rate for the summary's currency.
    public func budgetLeft(policy: PolicyPublished) -> Money? {
        guard let envelope = policy.intake.annualBudgetEnvelope, let summary,
              let committed = PolicyCurrency.convert(summary.totalBudgetAtCompletion, to: envelope.currency, policy: policy) else {
            return nil
        }
        return Money(envelope.amount - committed.amount, envelope.currency)
    }

    /// Hours of `resourceIds`' allocations that fall within `start`…`finish`, each prorated by the
    /// days it overlaps (dates inclusive).
    public func allocatedHours(of resourceIds: Set<String>, from start: CalendarDate, to finish: CalendarDate) -> Double {
        // Summed in key order, so that the figure is the same whatever the dictionary's order.
        allocations.filter { resourceIds.contains($0.value.resourceId) }.sorted { $0.key < $1.key }.map(\.value).reduce(0) { total, allocation in
            let from = max(start, allocation.periodStart)
            let to = min(finish, allocation.periodEnd)
            guard from <= to else { return total }
            let overlap = Double(from.days(until: to) + 1)
            let length = Double(max(allocation.periodStart.days(until: allocation.periodEnd) + 1, 1))
            return total + allocation.hours * overlap / length
        }
    }
}
