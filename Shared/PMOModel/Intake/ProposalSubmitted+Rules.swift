extension ProposalSubmitted {
    /// Dates in order, one currency for the budget and the business case, unique deliverable and
    /// risk identifiers. Missing sections are not violations: see ``missingSections``.
    func validateRules(at pointer: JSONPointer, into violations: inout ViolationCollector) {
        if let targetStart, let targetFinish {
            violations.ordered(targetStart, targetFinish, startName: "the target start", at: pointer / "targetFinish")
        }
        if let budgetEstimate, let businessCase {
            violations.require(businessCase.estimatedCost.currency == budgetEstimate.currency,
                               pointer / "businessCase" / "estimatedCost" / "currency",
                               "is \(businessCase.estimatedCost.currency) but the budget estimate is in \(budgetEstimate.currency)")
        }
        violations.unique(deliverables.map(\.deliverableId), at: pointer / "deliverables", "deliverable id")
        violations.unique(initialRisks.map(\.riskId), at: pointer / "initialRisks", "risk id")
    }

    /// The template sections that are missing or empty, in template order; intake's completeness
    /// screening returns the proposal for revision when this is not empty.
    public var missingSections: [ProposalSection] {
        var missing: [ProposalSection] = []
        if objectives.isEmpty && strategicObjectives.isEmpty { missing.append(.objectives) }
        if scope?.inScope.isEmpty ?? true { missing.append(.scope) }
        if deliverables.isEmpty { missing.append(.deliverables) }
        if assumptions.isEmpty { missing.append(.assumptions) }
        if constraints.isEmpty { missing.append(.constraints) }
        if businessCase == nil { missing.append(.businessCase) }
        if budgetEstimate == nil { missing.append(.budget) }
        if targetStart == nil || targetFinish == nil { missing.append(.schedule) }
        if resourceNeeds.isEmpty { missing.append(.resourceNeeds) }
        if initialRisks.isEmpty { missing.append(.risks) }
        if departmentsInvolved.isEmpty { missing.append(.departmentsInvolved) }
        return missing
    }
}
