import Foundation
import Testing
@testable import Intake
import PMOModel
import ServiceRuntime

/// Issue 13's portfolio view at intake: free capacity after the allocations already requested,
/// and the budget left in the annual envelope.
@Suite struct PortfolioViewTests {
    /// RES-0107 (tom.nguyen, data engineer, 32 h a week) allocated `hours` from `start` to `finish`.
    func allocation(_ id: String, hours: Double, _ start: String, _ finish: String, resource: String = "RES-0107") -> AllocationRequested {
        AllocationRequested(resourceId: resource, allocationId: id, projectId: "PRJ-2026-150", role: "data-engineer",
                            periodStart: day(start), periodEnd: day(finish), hours: hours, requestedBy: "marc.lefevre", requestedAt: t0)
    }

    func summary(bac: Decimal) -> PortfolioSummaryPublished {
        PortfolioSummaryPublished(portfolioId: "enterprise", asOf: day("2026-05-01"), publishedAt: t0,
                                  totalBudgetAtCompletion: eur(bac), totalEstimateAtCompletion: eur(bac),
                                  kpis: PortfolioKPIs(openAlerts: 0, openEscalations: 0))
    }

    @Test func allocationsWithinTheProposalsDatesLeaveLessCapacityFree() throws {
        // The proposal needs 416 h of data engineering over 26 weeks (2026-04-01…09-30): 832 h of
        // roster capacity. AL-1's 300 h (April to June) lie within those dates, AL-2's December
        // hours do not.
        let view = PortfolioView(allocations: [allocation("AL-1", hours: 300, "2026-04-01", "2026-06-30"),
                                               allocation("AL-2", hours: 100, "2026-12-01", "2026-12-31")])
        let capacity = try #require(ResourceDemand.capacities(proposal(), roster: try exampleRoster(), portfolio: view).first)
        #expect(capacity.role == "data-engineer")
        #expect(capacity.rosterHours == 832)
        #expect(capacity.allocatedHours == 300)
        #expect(capacity.freeHours == 532)
        let score = ResourceDemand.score(proposal(), roster: try exampleRoster(), portfolio: view)
        // 416 of 532 free hours is 78 %: (1 - 0.782) / 0.5 × 100 = 43.6.
        #expect((score.score * 10).rounded() / 10 == 43.6)
        #expect(score.reason == "most demanded role data-engineer: 416 h of 532 h free of 832 h roster capacity (300 h already allocated) over 26 weeks (78%)")
        #expect(ResourceDemand.score(proposal(), roster: try exampleRoster()).score == 100)
    }

    @Test func anAllocationThatOverlapsTheDatesCountsForItsShareOfDays() {
        // 100 h over 2026-09-21…2026-10-10 (20 days), 10 of which (09-21…09-30) fall within the proposal.
        let view = PortfolioView(allocations: [allocation("AL-1", hours: 100, "2026-09-21", "2026-10-10")])
        #expect(view.allocatedHours(of: ["RES-0107"], from: day("2026-04-01"), to: day("2026-09-30")) == 50)
        #expect(view.allocatedHours(of: ["RES-0108"], from: day("2026-04-01"), to: day("2026-09-30")) == 0)
    }

    @Test func theAssessmentStatesTheBudgetLeftAndTheFreeCapacity() throws {
        var policy = try examplePolicy()
        policy.intake.annualBudgetEnvelope = eur(10_000_000)
        var reference = ReferenceData(policy: policy, roster: try exampleRoster())
        reference.apply(summary(bac: 7_250_000))
        reference.apply(allocation("AL-1", hours: 300, "2026-04-01", "2026-06-30"))
        var desk = try DeskHarness(policy: policy)
        desk.reference = reference
        let assessment = try #require(desk.submit(proposal()).of(AssessmentCompleted.self).first)
        #expect(assessment.portfolioBudgetLeft == eur(2_750_000))
        #expect(assessment.freeCapacity.map(\.freeHours) == [532])
        // A release gives the hours back.
        reference.apply(AllocationReleased(resourceId: "RES-0107", allocationId: "AL-1", projectId: "PRJ-2026-150",
                                           releasedBy: "marc.lefevre", releasedAt: t0))
        #expect(PortfolioView(reference).allocations.isEmpty)
    }

    @Test func withoutAnEnvelopeOrASummaryNoBudgetIsStated() throws {
        let policy = try examplePolicy()
        #expect(PortfolioView(summary: summary(bac: 1)).budgetLeft(policy: policy) == nil)
        var enveloped = policy
        enveloped.intake.annualBudgetEnvelope = eur(1_000_000)
        #expect(PortfolioView().budgetLeft(policy: enveloped) == nil)
        #expect(PortfolioView(summary: summary(bac: 1_200_000)).budgetLeft(policy: enveloped) == eur(-200_000))
    }
}
