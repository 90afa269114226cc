import Testing
@testable import Planning
import PMOModel

@Suite("Reserves and procurement against the budget at completion")
struct CostTests {
    @Test func theSampleReservesAndProcurementFit() {
        // Contingency 40,000 EUR and one item of 210,000 EUR, both within BAC 800,000 EUR.
        #expect(CostReserves.check(samplePlan()).isEmpty)
        #expect(ProcurementCost.check(samplePlan()).isEmpty)
    }

    @Test func aContingencyLargerThanBACIsReported() {
        let plan = samplePlan { $0.subPlans.cost?.contingencyReserve = eur(800_000.01) }
        #expect(CostReserves.check(plan) == [RuleFinding(.reserves, on: .cost,
            "The contingency reserve of 800,000.01 EUR exceeds BAC of 800,000 EUR, which it is part of.")])
        // Equal to BAC still fits, and the management reserve is not compared with BAC at all.
        let allOfBAC = samplePlan {
            $0.subPlans.cost?.contingencyReserve = eur(800_000)
            $0.subPlans.cost?.managementReserve = eur(5_000_000)
        }
        #expect(CostReserves.check(allOfBAC).isEmpty)
    }

    @Test func aReserveInAnotherCurrencyCannotBeCompared() {
        let plan = samplePlan { $0.subPlans.cost?.contingencyReserve = Money(40_000, "USD") }
        #expect(CostReserves.check(plan).map(\.text) == [
            "The contingency reserve is in USD but BAC is in EUR; they cannot be compared.",
        ])
    }

    @Test func procurementsCostingMoreThanBACAreReported() {
        let plan = samplePlan {
            $0.subPlans.procurement?.items = [
                ProcurementItem(description: "Licence", contractType: "Fixed price", estimatedCost: eur(600_000)),
                ProcurementItem(description: "Tuning", contractType: "Time and materials", estimatedCost: eur(250_000)),
            ]
        }
        #expect(ProcurementCost.check(plan) == [RuleFinding(.procurementCost, on: .procurement,
            "The 2 procurement items cost 850,000 EUR, more than BAC of 800,000 EUR.")])
        let exact = samplePlan {
            $0.subPlans.procurement?.items[0].estimatedCost = eur(800_000)
        }
        #expect(ProcurementCost.check(exact).isEmpty)
    }

    @Test func aProcurementInAnotherCurrencyIsNamedAndLeftOutOfTheSum() {
        let plan = samplePlan {
            $0.subPlans.procurement?.items.append(
                ProcurementItem(description: "Cloud credits", contractType: "Prepaid", estimatedCost: Money(900_000, "USD")))
        }
        #expect(ProcurementCost.check(plan).map(\.text) == [
            "The procurement item 'Cloud credits' is priced in USD but BAC is in EUR; it cannot be compared.",
        ])
    }
}
