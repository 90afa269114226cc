import Foundation
import PMOModel

/// Amounts in another currency, converted with the policy's exchange rates (`exchangeRates`,
/// versioned with the policy: each rate gives what one unit of a currency is worth in the
/// policy's `currency`). An amount no rate converts is never compared as if it were in the
/// policy's currency, nor skipped: the proposal that carries it cannot be assessed.
public enum PolicyCurrency {
    /// `money` in `currency`, through the policy's currency, rounded to cents; `nil` when a rate is missing.
    public static func convert(_ money: Money, to currency: String, policy: PolicyPublished) -> Money? {
        if money.currency == currency { return money }
        guard let inPolicy = rate(of: money.currency, policy: policy), let outOfPolicy = rate(of: currency, policy: policy),
              outOfPolicy > 0 else { return nil }
        var value = money.amount * Decimal(inPolicy) / Decimal(outOfPolicy)
        var rounded = Decimal()
        NSDecimalRound(&rounded, &value, 2, .plain)
        return Money(rounded, currency)
    }

    /// What one unit of `currency` is worth in the policy's currency (1 for that currency itself).
    public static func rate(of currency: String, policy: PolicyPublished) -> Double? {
        if currency == policy.currency { return 1 }
        return policy.exchangeRates.first { $0.currency == currency }?.policyCurrencyPerUnit
    }

    /// The proposal's amounts that no rate of `policy` converts to the policy's currency, as
    /// "budget estimate 10,000,000 USD"; empty when every amount can be assessed.
    public static func unconvertible(in proposal: ProposalSubmitted, policy: PolicyPublished) -> [String] {
        var amounts: [(String, Money)] = []
        if let budget = proposal.budgetEstimate { amounts.append(("budget estimate", budget)) }
        if let businessCase = proposal.businessCase {
            amounts.append(("estimated cost", businessCase.estimatedCost))
            amounts.append(("expected value", businessCase.expectedValue))
        }
        return amounts.filter { rate(of: $0.1.currency, policy: policy) == nil }.map { "\($0.0) \($0.1.readable)" }
    }
}
