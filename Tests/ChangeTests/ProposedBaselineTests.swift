import Foundation
import Testing
@testable import Change
import PMOModel

/// The baseline a change would set: changes applied, successors pushed, BAC and curve revised.
@Suite struct ProposedBaselineTests {
    @Test func aLaterFinishPushesTheSuccessorByWhatItsFloatDoesNotAbsorb() {
        // WP-3 finishes 12 days later (12-30); WP-4 may start 14 days after, on 2027-01-14 instead
        // of 01-02: its 2 days of float absorb 2 of the 12, so it moves 10 days to 01-14…04-10.
        let proposed = ProposedBaseline(applying: [change("WP-3", finish: "2026-12-30")], to: sampleBaseline())
        let packages = Dictionary(uniqueKeysWithValues: proposed.baseline.workPackages.map { ($0.workPackageId, $0) })
        #expect(packages["WP-3"]?.plannedFinish == day("2026-12-30"))
        #expect(packages["WP-3"]?.plannedStart == day("2026-10-01"))
        #expect(packages["WP-4"]?.plannedStart == day("2027-01-14"))
        #expect(packages["WP-4"]?.plannedFinish == day("2027-04-10"))
        #expect(packages["WP-2"]?.plannedFinish == day("2026-09-30"))
        #expect(proposed.changedWorkPackages == ["WP-3", "WP-4"])
        #expect(proposed.baseline.budgetAtCompletion == eur(800_000))
        #expect(proposed.baseline.plannedFinish == day("2027-04-10"))
    }

    @Test func theCurveKeepsThePMsShapeAndMovesOnlyTheChangedPackagesShare() {
        // WP-4 now earns 110,000 over 01-14…04-10 (87 days): by 03-31 only 77 of them, 97,356.32.
        let proposed = ProposedBaseline(applying: [change("WP-3", finish: "2026-12-30")], to: sampleBaseline())
        let curve = proposed.baseline.plannedValueCurve.map { ($0.date.description, $0.cumulativePlannedValue.amount) }
        #expect(curve.map(\.0) == ["2026-06-30", "2026-09-30", "2026-12-31", "2027-03-31", "2027-04-10"])
        #expect(curve.map(\.1) == [120_000, 430_000, 690_000, Decimal(string: "787356.32")!, 800_000])
        #expect(violations(of: proposed.baseline).isEmpty)
    }

    @Test func anEarlierFinishDropsLaterCurvePointsAndEndsAtTheNewBAC() {
        let proposed = ProposedBaseline(applying: [change("WP-4", finish: "2027-03-15", value: 90_000)], to: sampleBaseline())
        let curve = proposed.baseline.plannedValueCurve
        #expect(curve.last?.date == day("2027-03-15"))
        #expect(curve.last?.cumulativePlannedValue == eur(780_000))
        #expect(proposed.baseline.budgetAtCompletion == eur(780_000))
        #expect(zip(curve, curve.dropFirst()).allSatisfy { $0.cumulativePlannedValue.amount <= $1.cumulativePlannedValue.amount })
        #expect(violations(of: proposed.baseline).isEmpty)
    }

    @Test func aNewStartAloneMovesThePackageWithItsDuration() {
        let proposed = ProposedBaseline(applying: [change("WP-4", start: "2027-01-11")], to: sampleBaseline())
        let wp4 = proposed.baseline.workPackages.first { $0.workPackageId == "WP-4" }
        #expect(wp4?.plannedStart == day("2027-01-11"))
        #expect(wp4?.plannedFinish == day("2027-04-07"))
    }

    @Test func anEarlierFinishDoesNotPullSuccessorsEarlier() {
        let proposed = ProposedBaseline(applying: [change("WP-2", finish: "2026-09-15")], to: sampleBaseline())
        let wp3 = proposed.baseline.workPackages.first { $0.workPackageId == "WP-3" }
        #expect(wp3?.plannedStart == day("2026-10-01"))
        #expect(proposed.changedWorkPackages == ["WP-2"])
    }

    @Test func aNewPackageIsAddedWithItsDescriptionAsName() {
        let proposed = ProposedBaseline(
            applying: [change("WP-5", start: "2027-02-01", finish: "2027-04-30", value: 40_000)], to: sampleBaseline())
        let wp5 = proposed.baseline.workPackages.last
        #expect(wp5?.workPackageId == "WP-5")
        #expect(wp5?.name == "Change WP-5")
        #expect(proposed.addedWorkPackages == ["WP-5"])
        #expect(proposed.baseline.budgetAtCompletion == eur(840_000))
        #expect(proposed.baseline.plannedValueCurve.last?.date == day("2027-04-30"))
        #expect(violations(of: proposed.baseline).isEmpty)
    }

    @Test func aChainIsPushedAllTheWayDown() {
        // WP-2 ends 30 days later: WP-3 and then WP-4 move.
        let proposed = ProposedBaseline(applying: [change("WP-2", finish: "2026-10-30")], to: sampleBaseline())
        let packages = Dictionary(uniqueKeysWithValues: proposed.baseline.workPackages.map { ($0.workPackageId, $0) })
        #expect(packages["WP-3"]?.plannedStart == day("2026-10-31"))
        #expect(packages["WP-3"]?.plannedFinish == day("2027-01-17"))
        #expect(packages["WP-4"]?.plannedStart == day("2027-02-01"))
        #expect(proposed.changedWorkPackages == ["WP-2", "WP-3", "WP-4"])
    }
}
