import Foundation
import Testing
import PMOModel
@testable import Monitoring

@Suite("The variance-alert lifecycle: raise, escalate, close and resolve")
struct VarianceAlertsTests {
    /// The contract's policy: version 3, 10 % and 50,000 EUR, corrective action within 10 days.
    let policy: PolicyPublished
    let pm = "marc.lefevre"
    let pmo = ["helene.dubois", "claire.martin"]

    init() throws {
        policy = try exampleEvent(PolicyPublished.self)
        #expect(policy.version == 3)
        #expect(policy.monitoring.correctiveActionDays == 10)
        #expect(policy.monitoring.varianceThreshold == VarianceThreshold(percent: 10, absolute: eur(50_000)))
    }

    /// The checks of PV, EV and AC against the policy's threshold (BAC 2,000,000 EUR).
    func checks(pv: Decimal, ev: Decimal, ac: Decimal) -> VarianceChecks {
        VarianceChecks(EarnedValueAnalysis(plannedValue: pv, earnedValue: ev, actualCost: ac,
                                           budgetAtCompletion: 2_000_000, currency: "EUR"),
                       threshold: policy.monitoring.varianceThreshold)
    }

    /// Within bounds on both: SV 0, CV 0.
    var onTrack: VarianceChecks { checks(pv: 500_000, ev: 500_000, ac: 500_000) }
    /// SV −12 % of PV (−60,000: both limits), CV 0.
    var lateOnly: VarianceChecks { checks(pv: 500_000, ev: 440_000, ac: 440_000) }
    /// SV −15 % (−75,000), CV 0.
    var laterOnly: VarianceChecks { checks(pv: 500_000, ev: 425_000, ac: 425_000) }
    /// SV 0, CV −11.11 % of EV (−50,000 exactly: the percentage only).
    var overBudgetOnly: VarianceChecks { checks(pv: 450_000, ev: 450_000, ac: 500_000) }

    func receive(_ machine: inout VarianceAlerts, _ checks: VarianceChecks, _ asOf: String,
                          at seconds: TimeInterval = 0) -> [VarianceAlertAction] {
        machine.receive(checks, asOf: day(asOf), at: t0.addingTimeInterval(seconds), policy: policy,
                        projectManager: pm, pmo: pmo)
    }

    func raised(_ actions: [VarianceAlertAction]) -> [AlertRaised] {
        actions.compactMap { if case .raise(let alert) = $0 { alert } else { nil } }
    }

    /// Every action's event, validated against its contract.
    func expectValid(_ actions: [VarianceAlertAction], sourceLocation: SourceLocation = #_sourceLocation) {
        for action in actions {
            let violations: [Violation]
            switch action {
            case .raise(let event): violations = event.validate()
            case .escalate(let event): violations = event.validate()
            case .close(let event): violations = event.validate()
            case .resolve(let event): violations = event.validate()
            }
            #expect(violations.isEmpty, "\(action)", sourceLocation: sourceLocation)
        }
    }

    @Test func aFirstBreachRaisesAWarningWithTheCorrectiveActionDueAfterThePolicysDays() throws {
        var machine = VarianceAlerts(projectId: "PRJ-2026-001")
        let actions = receive(&machine, lateOnly, "2026-03-02")
        expectValid(actions)
        let alert = try #require(raised(actions).first)
        #expect(actions == [.raise(alert)])
        #expect(alert.alertId == "AL-1")
        #expect(alert.kind == .scheduleVariance && alert.severity == .warning)
        #expect(alert.projectId == "PRJ-2026-001" && alert.assignee == pm && alert.policyVersion == 3)
        #expect(alert.raisedAt == t0)
        #expect(alert.actionDueOn == day("2026-03-12"))
        #expect(alert.requiredAction?.contains("schedule variance") == true)
        #expect(alert.measure == AlertMeasure(metric: "schedule-variance-percent", value: -12, threshold: 10))
        #expect(machine.schedule == .raised(alert) && machine.cost == .clear)
        #expect(machine.nextAlertNumber == 2 && machine.latestAsOf == day("2026-03-02"))
    }

    @Test func theDueDateCrossesMonthsAndYears() throws {
        var machine = VarianceAlerts(projectId: "PRJ-2026-001")
        let alert = try #require(raised(receive(&machine, lateOnly, "2026-12-27")).first)
        #expect(alert.actionDueOn == day("2027-01-06"))
    }

    @Test func theSecondBreachEscalatesToThePMOWithBothMeasurementsAndTheThirdAddsNothing() throws {
        var machine = VarianceAlerts(projectId: "PRJ-2026-001")
        let alert = try #require(raised(receive(&machine, lateOnly, "2026-03-02")).first)
        let second = receive(&machine, laterOnly, "2026-03-16", at: 60)
        expectValid(second)
        guard case .escalate(let escalation)? = second.first, second.count == 1 else {
            Issue.record("expected one escalation, got \(second)")
            return
        }
        #expect(escalation.escalationId == "ES-1" && escalation.kind == .unresolvedVariance)
        #expect(escalation.alertId == "AL-1" && escalation.subjectId == "AL-1")
        #expect(escalation.measures == [
            AlertMeasure(metric: "schedule-variance-percent", value: -12, threshold: 10),
            AlertMeasure(metric: "schedule-variance-percent", value: -15, threshold: 10),
        ])
        #expect(escalation.departmentsToCoordinate == ["pmo"] && escalation.escalateTo == pmo)
        #expect(escalation.raisedAt == t0.addingTimeInterval(60) && escalation.policyVersion == 3)
        // The alert stays open, escalated.
        #expect(machine.schedule == .escalated(alert, escalation))
        // A third breach: nothing new.
        #expect(receive(&machine, laterOnly, "2026-03-30").isEmpty)
        #expect(receive(&machine, lateOnly, "2026-04-13").isEmpty)
        #expect(machine.schedule == .escalated(alert, escalation))
        #expect(machine.nextAlertNumber == 2 && machine.nextEscalationNumber == 2)
    }

    @Test func recoveryClosesTheAlertAndResolvesItsEscalation() throws {
        var machine = VarianceAlerts(projectId: "PRJ-2026-001")
        _ = receive(&machine, lateOnly, "2026-03-02")
        _ = receive(&machine, laterOnly, "2026-03-16")
        let actions = receive(&machine, onTrack, "2026-03-30", at: 120)
        expectValid(actions)
        guard actions.count == 2, case .close(let closed) = actions[0], case .resolve(let resolved) = actions[1] else {
            Issue.record("expected a close then a resolve, got \(actions)")
            return
        }
        #expect(closed.alertId == "AL-1" && closed.kind == .scheduleVariance)
        #expect(closed.asOf == day("2026-03-30") && closed.closedAt == t0.addingTimeInterval(120))
        #expect(closed.measure == AlertMeasure(metric: "schedule-variance-percent", value: 0, threshold: 10))
        #expect(resolved.escalationId == "ES-1" && resolved.kind == .unresolvedVariance && resolved.subjectId == "AL-1")
        #expect(machine.schedule == .clear)
        // Within bounds again: nothing.
        #expect(receive(&machine, onTrack, "2026-04-13").isEmpty)
    }

    @Test func recoveryBeforeEscalationClosesOnly() throws {
        var machine = VarianceAlerts(projectId: "PRJ-2026-001")
        _ = receive(&machine, overBudgetOnly, "2026-03-02")
        let actions = receive(&machine, onTrack, "2026-03-16")
        expectValid(actions)
        guard actions.count == 1, case .close(let closed) = actions[0] else {
            Issue.record("expected one close, got \(actions)")
            return
        }
        #expect(closed.alertId == "AL-1" && closed.kind == .costVariance)
        #expect(machine.cost == .clear && machine.nextEscalationNumber == 1)
    }

    @Test func scheduleAndCostAreIndependent() throws {
        var machine = VarianceAlerts(projectId: "PRJ-2026-001")
        // Schedule breaches: AL-1.
        let first = raised(receive(&machine, lateOnly, "2026-03-02"))
        #expect(first.map(\.alertId) == ["AL-1"] && first.map(\.kind) == [.scheduleVariance])
        // Schedule back, cost breaches: AL-1 closes, AL-2 raised for cost, no escalation.
        let second = receive(&machine, overBudgetOnly, "2026-03-16")
        expectValid(second)
        #expect(second.count == 2)
        if case .close(let closed)? = second.first { #expect(closed.alertId == "AL-1") } else { Issue.record("\(second)") }
        #expect(raised(second).map(\.alertId) == ["AL-2"] && raised(second).map(\.kind) == [.costVariance])
        #expect(machine.schedule == .clear)
        // Both breach: schedule raises AL-3, cost escalates AL-2 (schedule first).
        let both = receive(&machine, checks(pv: 500_000, ev: 440_000, ac: 500_000), "2026-03-30")
        expectValid(both)
        #expect(both.count == 2)
        #expect(raised(both).map(\.alertId) == ["AL-3"])
        if case .escalate(let escalation)? = both.last {
            #expect(escalation.alertId == "AL-2" && escalation.escalationId == "ES-1")
            #expect(escalation.measures.map(\.metric) == ["cost-variance-percent", "cost-variance-percent"])
        } else { Issue.record("\(both)") }
    }

    @Test func idsAreNeverReusedAfterClosing() throws {
        var machine = VarianceAlerts(projectId: "PRJ-2026-001")
        _ = receive(&machine, lateOnly, "2026-03-02")
        _ = receive(&machine, lateOnly, "2026-03-16")
        _ = receive(&machine, onTrack, "2026-03-30")
        let again = raised(receive(&machine, lateOnly, "2026-04-13"))
        #expect(again.map(\.alertId) == ["AL-2"])
        let escalation = receive(&machine, lateOnly, "2026-04-27")
        if case .escalate(let event)? = escalation.first { #expect(event.escalationId == "ES-2" && event.alertId == "AL-2") }
        else { Issue.record("\(escalation)") }
        // The numbers survive a round trip through the machine's stored form.
        let stored = try JSONEncoder().encode(machine)
        #expect(try JSONDecoder().decode(VarianceAlerts.self, from: stored) == machine)
    }

    @Test func withNoPlannedValueTheMeasureIsTheAmount() throws {
        var machine = VarianceAlerts(projectId: "PRJ-2026-001")
        // Nothing planned or earned yet, AC 60,000: CV −60,000 has no percentage and breaches the amount.
        let actions = receive(&machine, checks(pv: 0, ev: 0, ac: 60_000), "2026-01-05")
        expectValid(actions)
        let alert = try #require(raised(actions).first)
        #expect(actions.count == 1 && alert.kind == .costVariance)
        #expect(alert.measure == AlertMeasure(metric: "cost-variance-amount", value: -60_000, threshold: 50_000))
        // An amount-only breach with a percentage within its limit (−6 %) also gives the amount.
        #expect(VarianceAlerts.measure(.schedule(EarnedValueAnalysis(plannedValue: 1_000_000, earnedValue: 940_000,
                                                                    actualCost: 940_000, budgetAtCompletion: 2_000_000,
                                                                    currency: "EUR"),
                                                 threshold: policy.monitoring.varianceThreshold),
                                       dimension: .scheduleVariance)
                == AlertMeasure(metric: "schedule-variance-amount", value: -60_000, threshold: 50_000))
    }

    @Test func anOlderReportMovesNothing() throws {
        var machine = VarianceAlerts(projectId: "PRJ-2026-001")
        _ = receive(&machine, lateOnly, "2026-03-16")
        let before = machine
        // An older period, breaching or within bounds: no actions, no change.
        #expect(receive(&machine, laterOnly, "2026-03-02").isEmpty)
        #expect(receive(&machine, onTrack, "2026-03-02").isEmpty)
        #expect(machine == before)
    }

    @Test func aCorrectionWithinBoundsClosesTheAlertTheCorrectedReportRaised() throws {
        var machine = VarianceAlerts(projectId: "PRJ-2026-001")
        _ = receive(&machine, lateOnly, "2026-03-02")
        let corrected = receive(&machine, onTrack, "2026-03-02", at: 30)
        expectValid(corrected)
        guard corrected.count == 1, case .close(let closed) = corrected[0] else {
            Issue.record("expected one close, got \(corrected)")
            return
        }
        #expect(closed.alertId == "AL-1" && closed.asOf == day("2026-03-02"))
        #expect(machine.schedule == .clear)
    }

    @Test func aBreachingCorrectionIsNotTheNextReport() throws {
        var machine = VarianceAlerts(projectId: "PRJ-2026-001")
        let alert = try #require(raised(receive(&machine, lateOnly, "2026-03-02")).first)
        // The same period corrected, still breaching (worse): no escalation, the alert stays.
        #expect(receive(&machine, laterOnly, "2026-03-02").isEmpty)
        #expect(machine.schedule == .raised(alert))
        // The next period still breaching escalates.
        #expect(receive(&machine, laterOnly, "2026-03-16").count == 1)
        // A correction of a period that passed raises a new alert (the closed one stays closed).
        var other = VarianceAlerts(projectId: "PRJ-2026-001")
        _ = receive(&other, lateOnly, "2026-03-02")
        _ = receive(&other, onTrack, "2026-03-16")
        #expect(raised(receive(&other, lateOnly, "2026-03-16")).map(\.alertId) == ["AL-2"])
    }

    @Test func escalationsGoToEachPMOPersonOnce() throws {
        var machine = VarianceAlerts(projectId: "PRJ-2026-001")
        _ = machine.receive(lateOnly, asOf: day("2026-03-02"), at: t0, policy: policy, projectManager: pm, pmo: pmo)
        let actions = machine.receive(lateOnly, asOf: day("2026-03-16"), at: t0, policy: policy, projectManager: pm,
                                      pmo: ["helene.dubois", "claire.martin", "helene.dubois"])
        expectValid(actions)
        if case .escalate(let escalation)? = actions.first { #expect(escalation.escalateTo == pmo) }
        else { Issue.record("\(actions)") }
    }
}
