extension PlanSubmitted {
    /// The sub-plans may only refer to work packages and milestones the baseline lists; reserves
    /// and procurements are in the baseline's currency; risk identifiers are unique.
    func validateRules(at pointer: JSONPointer, into violations: inout ViolationCollector) {
        let workPackageIds = Set(baseline.workPackages.map(\.workPackageId))
        let milestoneIds = Set(baseline.milestones.map(\.milestoneId))
        let currency = baseline.budgetAtCompletion.currency
        let plans = pointer / "subPlans"

        func references(_ ids: [String], _ known: Set<String>, _ what: String, at list: JSONPointer) {
            for (index, id) in ids.enumerated() {
                violations.require(known.contains(id), list / index, "refers to \(what) '\(id)', which the baseline does not list")
            }
        }
        func sameCurrency(_ money: Money, at here: JSONPointer) {
            violations.require(money.currency == currency, here / "currency",
                               "is \(money.currency) but the baseline is in \(currency)")
        }
        if let scope = subPlans.scope {
            references(scope.workBreakdown, workPackageIds, "work package", at: plans / "scope" / "workBreakdown")
        }
        if let schedule = subPlans.schedule {
            references(schedule.criticalPath, workPackageIds, "work package", at: plans / "schedule" / "criticalPath")
            references(schedule.keyMilestones, milestoneIds, "milestone", at: plans / "schedule" / "keyMilestones")
        }
        if let cost = subPlans.cost {
            sameCurrency(cost.contingencyReserve, at: plans / "cost" / "contingencyReserve")
            sameCurrency(cost.managementReserve, at: plans / "cost" / "managementReserve")
        }
        if let risk = subPlans.risk {
            violations.unique(risk.riskRegister.map(\.riskId), at: plans / "risk" / "riskRegister", "risk id")
        }
        if let procurement = subPlans.procurement {
            for (index, item) in procurement.items.enumerated() {
                sameCurrency(item.estimatedCost, at: plans / "procurement" / "items" / index / "estimatedCost")
            }
        }
    }

    /// The sub-plans the plan includes.
    public var presentSubPlans: [SubPlanKind] {
        let present: [(SubPlanKind, Bool)] = [
            (.scope, subPlans.scope != nil), (.schedule, subPlans.schedule != nil), (.cost, subPlans.cost != nil),
            (.quality, subPlans.quality != nil), (.resource, subPlans.resource != nil),
            (.communication, subPlans.communication != nil), (.risk, subPlans.risk != nil),
            (.procurement, subPlans.procurement != nil),
        ]
        return present.filter(\.1).map(\.0)
    }

    /// The sub-plans of `required` (the policy's list) that the plan does not include, in the
    /// policy's order.
    public func missingSubPlans(required: [SubPlanKind]) -> [SubPlanKind] {
        let present = Set(presentSubPlans)
        return required.filter { !present.contains($0) }
    }
}
