import Foundation
import Testing
@testable import Change
import PMOModel

/// Completeness, measured impact, measured against claimed impact, and the PM's tolerance.
@Suite struct AssessmentRuleTests {
    let policy: ChangeControlPolicy
    init() throws { policy = try samplePolicy().changeControl }

    // MARK: Completeness

    @Test func aCompleteRequestMissesNothing() {
        #expect(ChangeRequestCompleteness.missing(in: changeRequest(changes: [change("WP-3", finish: "2026-12-30")]),
                                                  baseline: baselineInForce(), policy: policy).isEmpty)
    }

    @Test func noAlternativeNeedsAReasonOrIsRefusedByThePolicy() {
        let bare = changeRequest(changes: [change("WP-3", finish: "2026-12-30")]) { $0.alternativesConsidered = [] }
        #expect(ChangeRequestCompleteness.missing(in: bare, baseline: baselineInForce(), policy: policy)
            == ["no alternative considered, and no reason why there is none (noAlternativeReason)"])
        var explained = bare
        explained.noAlternativeReason = "A regulatory deadline leaves no other option."
        #expect(ChangeRequestCompleteness.missing(in: explained, baseline: baselineInForce(), policy: policy).isEmpty)
        var strict = policy
        strict.alternativeExemptionAllowed = false
        #expect(ChangeRequestCompleteness.missing(in: explained, baseline: baselineInForce(), policy: strict)
            == ["no alternative considered: the policy requires at least one"])
    }

    @Test func everyGapIsListed() {
        let request = changeRequest(category: .scope, changes: [
            change("WP-3"), change("WP-9", finish: "2027-05-01"), change("WP-2", finish: "2026-06-01"),
            change("WP-2", value: 1), BaselineChange(workPackageId: "WP-1", description: "Dollars", newPlannedValue: Money(5, "USD")),
        ]) { $0.impact.cost = Money(1, "USD") }
        #expect(ChangeRequestCompleteness.missing(in: request, baseline: baselineInForce(), policy: policy) == [
            "a scope change names no scope item added or removed in its impact analysis",
            "the impact's cost is in USD; the baseline is in EUR",
            "WP-3: the proposed change gives no new start, finish or planned value",
            "WP-9 is not in baseline revision 1: a new work package needs its start, planned value",
            "WP-2 would finish on 2026-06-01, before it starts on 2026-07-01",
            "WP-2 is changed more than once; one proposed change per work package",
            "WP-1: the new planned value is in USD; the baseline is in EUR",
        ])
    }

    // MARK: Measured impact

    @Test func theImpactIsMeasuredOnTheBaselineWithItsCriticalPath() {
        let request = changeRequest(changes: [change("WP-3", finish: "2026-12-30", value: 290_000)])
        let proposed = ProposedBaseline(applying: request.proposedBaselineChanges, to: sampleBaseline())
        let measured = ImpactMeasurement.measure(request, proposed: proposed, current: sampleBaseline())
        #expect(measured == ImpactSummary(
            currentFinish: day("2027-03-31"), newFinish: day("2027-04-10"), scheduleDays: 10,
            currentBudgetAtCompletion: eur(800_000), newBudgetAtCompletion: eur(830_000), costChangePercent: 4,
            scopeChanged: false, currentCriticalPath: ["WP-1", "WP-2", "WP-3", "WP-4"],
            newCriticalPath: ["WP-1", "WP-2", "WP-3", "WP-4"], workPackagesChanged: ["WP-3", "WP-4"]))
    }

    @Test func aParallelPackageLongerThanTheChainBecomesTheCriticalPath() {
        // WP-5 runs from the project start to 2027-05-31 with no links: it alone is critical.
        let request = changeRequest(changes: [change("WP-5", start: "2026-04-01", finish: "2027-05-31", value: 10_000)])
        let proposed = ProposedBaseline(applying: request.proposedBaselineChanges, to: sampleBaseline())
        let measured = ImpactMeasurement.measure(request, proposed: proposed, current: sampleBaseline())
        #expect(measured.newCriticalPath == ["WP-5"])
        #expect(measured.scopeChanged)
        #expect(measured.scheduleDays == 61)
    }

    @Test func aBaselineWithoutLinksHasNoCriticalPathToReport() {
        var baseline = sampleBaseline()
        for index in baseline.workPackages.indices { baseline.workPackages[index].predecessors = [] }
        #expect(ImpactMeasurement.criticalPath(baseline).isEmpty)
    }

    // MARK: Claimed against measured

    func measured(_ changes: [BaselineChange]) -> (ImpactSummary, ProposedBaseline) {
        let request = changeRequest(changes: changes)
        let proposed = ProposedBaseline(applying: changes, to: sampleBaseline())
        return (ImpactMeasurement.measure(request, proposed: proposed, current: sampleBaseline()), proposed)
    }

    @Test func anUnderstatedClaimIsAFindingBeyondTheMargin() {
        let (impact, proposed) = measured([change("WP-3", finish: "2026-12-30", value: 290_000)])
        let claim = ChangeImpact(scheduleDays: 5, cost: eur(20_000), qualityEffect: "none")
        #expect(ClaimedImpactCheck.findings(claimed: claim, measured: impact, margin: nil, addedWorkPackages: proposed.addedWorkPackages) == [
            "the finish moves 10 days against the baseline (2027-03-31 to 2027-04-10); the request claims 5 days",
            "the BAC changes by +30000 EUR against the baseline; the request claims +20000 EUR",
        ])
        // A margin of 5 days and 1 % of BAC (8,000 EUR) covers both.
        let margin = ImpactClaimMargin(scheduleDays: 5, costPercent: 1.25)
        #expect(ClaimedImpactCheck.findings(claimed: claim, measured: impact, margin: margin, addedWorkPackages: []).isEmpty)
        let honest = ChangeImpact(scheduleDays: 10, cost: eur(30_000), qualityEffect: "none")
        #expect(ClaimedImpactCheck.findings(claimed: honest, measured: impact, margin: nil, addedWorkPackages: []).isEmpty)
    }

    @Test func addingWorkWhileClaimingNoScopeChangeIsAFinding() {
        let (impact, proposed) = measured([change("WP-5", start: "2027-01-04", finish: "2027-02-26", value: 10_000)])
        let claim = ChangeImpact(scheduleDays: 0, cost: eur(10_000), qualityEffect: "none")
        #expect(ClaimedImpactCheck.findings(claimed: claim, measured: impact, margin: nil, addedWorkPackages: proposed.addedWorkPackages)
            == ["the change adds work package WP-5, but the request claims no scope change"])
    }

    // MARK: Tolerance

    let reference = ToleranceReference(sampleBaseline(), revision: 1)

    @Test func withinToleranceThePMDecides() {
        let (impact, _) = measured([change("WP-3", finish: "2026-12-30")])
        let (route, reasons) = ToleranceRouting.route(measured: impact, reference: reference, priorApprovals: [], findings: [],
                                                      tolerance: policy.pmTolerance)
        #expect(route == .projectManager)
        #expect(reasons == ["within the PM's tolerance of 10 days and 25000 EUR: since baseline revision 1 the finish moves 10 days and the BAC changes by 0 EUR"])
    }

    @Test func beyondToleranceTheCCBDecidesWithEveryReason() {
        let (impact, _) = measured([change("WP-3", finish: "2026-12-31", value: 290_000)])
        var tolerance = policy.pmTolerance
        tolerance.costPercent = 3
        let (route, reasons) = ToleranceRouting.route(measured: impact, reference: reference, priorApprovals: [],
                                                      findings: ["x"], tolerance: tolerance)
        #expect(route == .changeControlBoard)
        #expect(reasons == [
            "the finish moves 11 days, beyond the PM's tolerance of 10 days",
            "the BAC grows by 30000 EUR, beyond the PM's tolerance of 25000 EUR",
            "the BAC grows by about 4 % of the 800000 EUR of baseline revision 1, beyond the PM's tolerance of 3 %",
            "the claimed impact understates the measured one: x",
        ])
    }

    @Test func scopeChangesGoToTheCCBUnlessThePolicyAllowsThem() {
        let (impact, _) = measured([change("WP-5", start: "2027-01-04", finish: "2027-02-26", value: 10_000)])
        let (route, reasons) = ToleranceRouting.route(measured: impact, reference: reference, priorApprovals: [], findings: [],
                                                      tolerance: policy.pmTolerance)
        #expect(route == .changeControlBoard)
        #expect(reasons == ["scope items are added or removed, which the PM may not approve alone"])
        var allowing = policy.pmTolerance
        allowing.scopeChangeAllowed = true
        #expect(ToleranceRouting.route(measured: impact, reference: reference, priorApprovals: [], findings: [],
                                       tolerance: allowing).route == .projectManager)
    }

    @Test func smallChangesThatAddUpPastTheToleranceGoToTheCCBNamingTheEarlierOnes() {
        // The PM approved CR-2026-030 (+6 days); the baseline in force finishes 2027-04-06. This
        // change moves it 6 more days: 6 alone is within 10, 12 since revision 1 is not.
        var current = sampleBaseline()
        current.workPackages[3].plannedFinish = day("2027-04-06")
        let request = changeRequest(changes: [change("WP-4", finish: "2027-04-12")])
        let proposed = ProposedBaseline(applying: request.proposedBaselineChanges, to: current)
        let impact = ImpactMeasurement.measure(request, proposed: proposed, current: current)
        let prior = PriorApproval(changeRequestId: "CR-2026-030", changeRequestRevision: 1, scheduleDays: 6,
                                  costChange: eur(0), scopeChanged: false)
        let (route, reasons) = ToleranceRouting.route(measured: impact, reference: reference, priorApprovals: [prior], findings: [],
                                                      tolerance: policy.pmTolerance)
        #expect(impact.scheduleDays == 6)
        #expect(route == .changeControlBoard)
        #expect(reasons == ["with CR-2026-030 r1 approved by the PM since baseline revision 1, the finish moves 12 days in all (6 days for this change), beyond the PM's tolerance of 10 days"])
        // Without the earlier approval the same figures would be the PM's.
        #expect(ToleranceRouting.route(measured: impact, reference: ToleranceReference(current, revision: 2), priorApprovals: [],
                                       findings: [], tolerance: policy.pmTolerance).route == .projectManager)
    }
}

/// Tolerance in another currency than the baseline's.
@Suite struct ToleranceCurrencyTests {
    @Test func aBACChangeInAnotherCurrencyThanTheTolerancesIsTheCCBs() throws {
        let tolerance = PMTolerance(scheduleDays: 10, cost: Money(25_000, "USD"), scopeChangeAllowed: false)
        let request = changeRequest(changes: [change("WP-3", value: 261_000)])
        let proposed = ProposedBaseline(applying: request.proposedBaselineChanges, to: sampleBaseline())
        let impact = ImpactMeasurement.measure(request, proposed: proposed, current: sampleBaseline())
        let (route, reasons) = ToleranceRouting.route(measured: impact, reference: ToleranceReference(sampleBaseline(), revision: 1),
                                                      priorApprovals: [], findings: [], tolerance: tolerance)
        #expect(route == .changeControlBoard)
        #expect(reasons == ["the PM's cost tolerance is in USD but the baseline in EUR: the PM may not approve a change of the BAC alone"])
    }
}
