extension PolicyPublished {
    /// Policy-wide rules: strategic objectives unique, money in the policy's currency, a major
    /// project at least as large as a complex one, each planning check given one severity at most.
    func validateRules(at pointer: JSONPointer, into violations: inout ViolationCollector) {
        violations.unique(strategicObjectives.map(\.objectiveId), at: pointer / "strategicObjectives", "objective id")
        var amounts: [(Money, JSONPointer)] = [
            (intake.maxBudget, pointer / "intake" / "maxBudget"),
            (classification.complex.minBudget, pointer / "classification" / "complex" / "minBudget"),
            (classification.major.minBudget, pointer / "classification" / "major" / "minBudget"),
            (monitoring.varianceThreshold.absolute, pointer / "monitoring" / "varianceThreshold" / "absolute"),
            (changeControl.pmTolerance.cost, pointer / "changeControl" / "pmTolerance" / "cost"),
        ]
        if let envelope = intake.annualBudgetEnvelope {
            amounts.append((envelope, pointer / "intake" / "annualBudgetEnvelope"))
        }
        if let minimum = planning.expertReview?.minBudgetAtCompletion {
            amounts.append((minimum, pointer / "planning" / "expertReview" / "minBudgetAtCompletion"))
        }
        violations.unique(planning.findingSeverities.map(\.check.rawValue), at: pointer / "planning" / "findingSeverities",
                          "check")
        for (money, here) in amounts {
            violations.require(money.currency == currency, here / "currency",
                               "is \(money.currency) but the policy's currency is \(currency)")
        }
        violations.unique(exchangeRates.map(\.currency), at: pointer / "exchangeRates", "currency")
        for (index, rate) in exchangeRates.enumerated() {
            violations.require(rate.currency != currency, pointer / "exchangeRates" / index / "currency",
                               "is the policy's own currency \(currency), which needs no rate")
            violations.require(rate.policyCurrencyPerUnit > 0, pointer / "exchangeRates" / index / "policyCurrencyPerUnit",
                               "a rate must be above 0")
        }
        let complex = classification.complex
        let major = classification.major
        violations.require(major.minBudget.amount >= complex.minBudget.amount,
                           pointer / "classification" / "major" / "minBudget" / "amount",
                           "a major project's minimum budget must not be below a complex project's (\(complex.minBudget.amount))")
    }
}
