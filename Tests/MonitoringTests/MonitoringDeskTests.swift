import Foundation
import Testing
import PMOModel
import ServiceRuntime
@testable import Monitoring

/// A project monitored by ``MonitoringDesk`` under the contract's example policy (SPI green from
/// 0.95, amber from 0.85; 10 % and 50,000 EUR; corrective action in 10 days; reports every 14
/// days with 3 days' grace; risks escalated from 3.0; trend over 3 reports) and roster (PMO
/// analyst claire.martin), with a linear baseline: work from 2026-01-01 to 2026-04-10 (100
/// days), BAC 100,000 EUR, so PV at the end of day t is 1,000 × t (2026-01-31 is t = 31).
struct MonitoredProject {
    let desk = MonitoringDesk()
    let reference: ReferenceData
    let projectId = "PRJ-2026-014"
    var state: ProjectMonitoring?

    init(withPolicy: Bool = true) throws {
        let policy = try exampleEvent(PolicyPublished.self)
        let roster = try exampleEvent(RosterPublished.self)
        reference = withPolicy ? ReferenceData(policy: policy, roster: roster) : ReferenceData()
    }

    static func baseline(bac: Decimal = 100_000) -> PlanBaseline {
        PlanBaseline(
            milestones: [Milestone(milestoneId: "MS-1", name: "Done", plannedDate: day("2026-04-10"))],
            workPackages: [WorkPackage(workPackageId: "WP-1", name: "All", plannedStart: day("2026-01-01"),
                                       plannedFinish: day("2026-04-10"), plannedValue: eur(bac))],
            plannedValueCurve: [
                PlannedValuePoint(date: day("2026-01-10"), cumulativePlannedValue: eur(bac / 10)),
                PlannedValuePoint(date: day("2026-04-10"), cumulativePlannedValue: eur(bac)),
            ],
            budgetAtCompletion: eur(bac))
    }

    @discardableResult
    mutating func send(_ input: MonitoringInput, at now: Date = t0, reference: ReferenceData? = nil) -> [any PMOEvent] {
        let step = desk.receive(input, state: state, reference: reference ?? self.reference, now: now)
        state = step.state
        if let state {
            // Every state the desk leaves goes to the changelog through JSONTreeEncoder: the same
            // bytes as JSONEncoder.
            let whole = MonitoringState.project(state)
            #expect((try? JSONTreeEncoder.encode(whole)) == (try? Array(PMOJSON.encode(whole))), "the state's changelog bytes")
        }
        return step.emissions.map(\.event)
    }

    mutating func charter() throws -> [any PMOEvent] {
        send(.charter(try exampleEvent(ProjectChartered.self)))
    }

    mutating func baseline() -> [any PMOEvent] {
        send(.baseline(ProjectBaselined(projectId: projectId, baselineRevision: 1, planRevision: 1, baselinedAt: t0,
                                        policyVersion: 3, projectManager: "marc.lefevre", baseline: Self.baseline())))
    }

    func report(_ periodEnd: String, ev: Decimal, ac: Decimal, revision: Int = 1, risks: [Risk] = [],
                issues: [ProjectIssue] = [], final: Bool = false) -> MonitoringInput {
        let report = StatusReported(
            projectId: projectId, reportedAt: t0, reportedBy: "marc.lefevre", baselineRevision: revision,
            periodStart: day(periodEnd).adding(days: -6)!, periodEnd: day(periodEnd), earnedValue: eur(ev),
            actualCost: eur(ac), forecastFinish: day("2026-04-10"),
            quality: QualityStatus(defectsOpen: 0, defectsClosed: 0, failedAcceptanceTests: 0), risks: risks,
            issues: issues, final: final, lessonsLearned: final ? ["Plan the data migration earlier."] : [])
        return .statusReport(report, InputOrigin(id: "report-\(periodEnd)", source: "/tests", type: StatusReported.eventType))
    }
}

/// Every event is valid against its contract.
func expectValid(_ events: [any PMOEvent], sourceLocation: SourceLocation = #_sourceLocation) {
    for event in events {
        let violations = event.validate()
        #expect(violations.isEmpty, "\(type(of: event).eventType): \(violations)", sourceLocation: sourceLocation)
    }
}

func of<T>(_ type: T.Type, _ events: [any PMOEvent]) -> [T] { events.compactMap { $0 as? T } }

@Suite("Monitoring a project: health, alerts, escalations and the register entry, report by report")
struct MonitoringDeskTests {
    @Test func aProjectGoesGreenAmberBreachesEscalatesTrendsAndRecovers() throws {
        var project = try MonitoredProject()
        let charterEvents = try project.charter()
        #expect(of(PortfolioEntryUpdated.self, charterEvents).map(\.phase) == [.chartered])
        #expect(of(PortfolioEntryUpdated.self, project.baseline()).map(\.phase) == [.baselined])

        // t = 31: on plan.
        var events = project.send(project.report("2026-01-31", ev: 31_000, ac: 31_000))
        expectValid(events)
        let first = try #require(of(HealthAssessedV2.self, events).first)
        #expect(first.ratings?.overall == .green && first.figures?.plannedValue == eur(31_000))
        #expect(of(AlertRaised.self, events).isEmpty)
        #expect(of(PortfolioEntryUpdated.self, events).first?.phase == .executing)

        // t = 38: SPI 35,000 / 38,000 = 0.921 (amber), SV −7.9 %: no breach.
        events = project.send(project.report("2026-02-07", ev: 35_000, ac: 35_000))
        #expect(of(HealthAssessedV2.self, events).first?.ratings?.schedule == .amber)
        #expect(of(HealthAssessedV2.self, events).first?.trend == .deteriorating)
        #expect(of(AlertRaised.self, events).isEmpty)

        // t = 45: SPI 39,000 / 45,000 = 0.867, SV −13.3 %: AL-1 (schedule variance), and SPI has
        // fallen over three reports (1, 0.921, 0.867): AL-2 (adverse trend), numbered after it.
        events = project.send(project.report("2026-02-14", ev: 39_000, ac: 39_000))
        expectValid(events)
        let raised = of(AlertRaised.self, events)
        #expect(raised.map(\.alertId) == ["AL-1", "AL-2"])
        #expect(raised.map(\.kind) == [.scheduleVariance, .adverseTrend])
        #expect(raised.first?.actionDueOn == day("2026-02-24"))
        #expect(raised.last?.measure == AlertMeasure(metric: "spi-falling-reports", value: 3, threshold: 3))
        #expect(of(PortfolioEntryUpdated.self, events).first?.openAlerts == ["AL-1", "AL-2"])

        // t = 52: SV −15.4 % still breaches: ES-1 escalates AL-1; risk R-1 (0.8 × 4 = 3.2) is
        // major: ES-2, with the owner's department; the trend alert stands.
        let major = Risk(riskId: "R-1", description: "Vendor delay", probability: 0.8, impact: 4, owner: "sofia.rossi",
                         status: .open, crossDepartment: false)
        events = project.send(project.report("2026-02-21", ev: 44_000, ac: 44_000, risks: [major]))
        expectValid(events)
        let escalations = of(EscalationRaised.self, events)
        #expect(escalations.map(\.escalationId) == ["ES-1", "ES-2"])
        #expect(escalations.map(\.kind) == [.unresolvedVariance, .majorRisk])
        #expect(escalations.last?.departmentsToCoordinate == ["technical"])
        #expect(escalations.last?.escalateTo == ["claire.martin", "helene.dubois"])
        #expect(of(AlertRaised.self, events).isEmpty)

        // t = 59: back on plan (SPI 0.983, rising): AL-1 closes and ES-1 resolves, the trend alert
        // AL-2 closes, the risk is gone: ES-2 resolves.
        events = project.send(project.report("2026-02-28", ev: 58_000, ac: 58_000))
        expectValid(events)
        #expect(of(AlertClosed.self, events).map(\.alertId) == ["AL-1", "AL-2"])
        #expect(of(EscalationResolved.self, events).map(\.escalationId) == ["ES-1", "ES-2"])
        let entry = try #require(of(PortfolioEntryUpdated.self, events).first)
        #expect(entry.openAlerts.isEmpty && entry.openEscalations.isEmpty && entry.health == .green)
        #expect(entry.figures?.earnedValue == eur(58_000) && entry.reporting?.reportsReceived == 5)
        #expect(entry.reporting?.nextReportDue == day("2026-03-14"))
    }

    @Test func aReportWithoutABaselineIsRecordedAsNoBaselineAndAlertsNothing() throws {
        var project = try MonitoredProject()
        _ = try project.charter()
        let events = project.send(project.report("2026-01-31", ev: 1_000, ac: 90_000))
        expectValid(events)
        let health = try #require(of(HealthAssessedV2.self, events).first)
        #expect(health.measurement == .noBaseline && health.figures == nil && health.ratings == nil)
        #expect(of(AlertRaised.self, events).isEmpty)
    }

    @Test func reportsReadBeforeTheBaselineAreMeasuredInOrderWhenItArrives() throws {
        var project = try MonitoredProject()
        _ = try project.charter()
        project.send(project.report("2026-01-31", ev: 31_000, ac: 31_000))
        project.send(project.report("2026-02-14", ev: 39_000, ac: 39_000))
        #expect(project.state?.health?.measurement == .noBaseline)
        let events = project.baseline()
        expectValid(events)
        // The earlier report is recorded for the trend; the latest is measured: SPI 39,000 /
        // 45,000 = 0.867, SV −13.3 %, a breach; its trend is against the earlier report's SPI 1.
        let health = try #require(of(HealthAssessedV2.self, events).only)
        #expect(health.asOf == day("2026-02-14") && health.measurement == .measured && health.trend == .deteriorating)
        #expect(of(AlertRaised.self, events).map(\.kind) == [.scheduleVariance])
        #expect(of(PortfolioEntryUpdated.self, events).last?.reporting?.reportsReceived == 2)
        #expect(project.state?.unmeasured.isEmpty == true)
    }

    @Test func aLateReportIsRecordedWithoutOverwritingNewerHealthAndACorrectionReplacesTheReport() throws {
        var project = try MonitoredProject()
        _ = try project.charter()
        _ = project.baseline()
        project.send(project.report("2026-02-14", ev: 45_000, ac: 45_000))
        let late = project.send(project.report("2026-01-31", ev: 10_000, ac: 31_000))
        #expect(of(HealthAssessedV2.self, late).isEmpty && of(AlertRaised.self, late).isEmpty)
        #expect(project.state?.health?.asOf == day("2026-02-14"))
        // The corrected report for 2026-02-14 breaches: it raises an alert and replaces the health.
        let corrected = project.send(project.report("2026-02-14", ev: 39_000, ac: 39_000))
        #expect(of(HealthAssessedV2.self, corrected).first?.figures?.earnedValue == eur(39_000))
        #expect(of(AlertRaised.self, corrected).map(\.kind) == [.scheduleVariance])
        // Its trend is against the late report's period (the one before it), which was behind.
        #expect(of(HealthAssessedV2.self, corrected).first?.trend == .improving)
    }

    @Test func aReportAgainstASupersededRevisionIsMeasuredAgainstItAndSaysSo() throws {
        var project = try MonitoredProject()
        _ = try project.charter()
        _ = project.baseline()
        let rebaselined = ProjectRebaselined(
            projectId: project.projectId, baselineRevision: 2, previousBaselineRevision: 1, changeRequestId: "CR-2026-001",
            changeRequestRevision: 1, rebaselinedAt: day("2026-02-01").midnight, policyVersion: 3,
            baseline: MonitoredProject.baseline(bac: 200_000))
        let entry = of(PortfolioEntryUpdated.self, project.send(.rebaseline(rebaselined))).first
        #expect(entry?.baselineRevision == 2 && entry?.budgetAtCompletion == eur(200_000))
        // Before the rebaseline's date, revision 1 is in force.
        let before = of(HealthAssessedV2.self, project.send(project.report("2026-01-31", ev: 31_000, ac: 31_000))).first
        #expect(before?.baselineRevision == 1 && before?.supersededBy == nil)
        // After it, a report naming revision 1 is measured against 1, superseded by 2.
        let stale = of(HealthAssessedV2.self, project.send(project.report("2026-02-07", ev: 38_000, ac: 38_000))).first
        #expect(stale?.baselineRevision == 1 && stale?.supersededBy == 2 && stale?.figures?.budgetAtCompletion == eur(100_000))
        let current = of(HealthAssessedV2.self, project.send(project.report("2026-02-14", ev: 90_000, ac: 90_000, revision: 2))).first
        #expect(current?.baselineRevision == 2 && current?.supersededBy == nil && current?.figures?.plannedValue == eur(90_000))
    }

    @Test func aMissedReportGetsOneOverdueAlertPerMissedPeriodAndTheNextReportClosesThem() throws {
        var project = try MonitoredProject()
        _ = try project.charter()
        _ = project.baseline()
        project.send(project.report("2026-01-31", ev: 31_000, ac: 31_000))
        // Due 2026-02-14, overdue after 2026-02-17 (3 days' grace).
        func tick(_ date: String) -> [Emission] {
            let step = project.desk.tick(state: project.state!, reference: project.reference, now: day(date).midnight)
            project.state = step.state
            return step.emissions
        }
        #expect(tick("2026-02-17").isEmpty)
        let first = tick("2026-02-18")
        expectValid(first.map(\.event))
        #expect(of(AlertRaised.self, first.map(\.event)).map(\.alertId) == ["AL-1"])
        #expect(first.first?.id == "overdue/PRJ-2026-014/AL-1")
        #expect(of(PortfolioEntryUpdated.self, first.map(\.event)).first?.reporting?.overdue == true)
        #expect(tick("2026-02-19").isEmpty && tick("2026-03-03").isEmpty)
        // The next due date (2026-02-28) is missed after 2026-03-03.
        let second = of(AlertRaised.self, tick("2026-03-04").map(\.event))
        #expect(second.map(\.alertId) == ["AL-2"] && second.first?.measure?.value == 4)
        // A report for 2026-02-28 covers both.
        let events = project.send(project.report("2026-02-28", ev: 59_000, ac: 59_000))
        #expect(of(AlertClosed.self, events).map(\.alertId) == ["AL-1", "AL-2"])
        #expect(tick("2026-03-05").isEmpty)
    }

    @Test func aFinalReportClosesTheProjectAndStopsOverdueAlerts() throws {
        var project = try MonitoredProject()
        _ = try project.charter()
        _ = project.baseline()
        let events = project.send(project.report("2026-04-10", ev: 100_000, ac: 98_000, final: true))
        #expect(of(PortfolioEntryUpdated.self, events).first?.phase == .closed)
        let step = project.desk.tick(state: project.state!, reference: project.reference, now: day("2026-12-01").midnight)
        #expect(step.emissions.isEmpty)
    }

    @Test func aCrossDepartmentIssueIsEscalatedOnceAndResolvedWhenItIsGone() throws {
        var project = try MonitoredProject()
        _ = try project.charter()
        _ = project.baseline()
        let issue = ProjectIssue(issueId: "I-4", description: "Data ownership unclear", severity: 3,
                                 departmentsInvolved: ["legal", "technical"], needsDecision: false)
        let raised = of(EscalationRaised.self, project.send(project.report("2026-01-31", ev: 31_000, ac: 31_000, issues: [issue])))
        #expect(raised.map(\.kind) == [.crossDepartmentIssue] && raised.first?.departmentsToCoordinate == ["legal", "technical"])
        #expect(of(EscalationRaised.self, project.send(project.report("2026-02-07", ev: 38_000, ac: 38_000, issues: [issue]))).isEmpty)
        let resolved = of(EscalationResolved.self, project.send(project.report("2026-02-14", ev: 45_000, ac: 45_000)))
        #expect(resolved.map(\.escalationId) == ["ES-1"])
    }

    @Test func inputsWaitForThePolicyAndRosterAndAreProcessedInOrderOnceBothAreKnown() throws {
        var project = try MonitoredProject(withPolicy: false)
        #expect(try project.charter().isEmpty)
        #expect(project.baseline().isEmpty)
        #expect(project.send(project.report("2026-01-31", ev: 31_000, ac: 31_000)).isEmpty)
        #expect(project.state?.waiting.count == 3)
        let ready = try MonitoredProject()
        let step = project.desk.tick(state: project.state!, reference: ready.reference, now: t0)
        #expect(step.state.waiting.isEmpty)
        #expect(of(HealthAssessedV2.self, step.emissions.map(\.event)).first?.measurement == .measured)
    }

    @Test func theRegisterEntryIsPublishedOnlyWhenItChanges() throws {
        var project = try MonitoredProject()
        #expect(of(PortfolioEntryUpdated.self, try project.charter()).count == 1)
        #expect(of(PortfolioEntryUpdated.self, try project.charter()).isEmpty)
        let decision = IntakeDecisionMade(projectId: project.projectId, proposalRevision: 1, decidedAt: t0.addingTimeInterval(86_400 * 3),
                                          policyVersion: 3, outcome: .approved, reasons: ["score above threshold"],
                                          projectManagerAppointmentRequired: false)
        let assessment = AssessmentCompleted(projectId: project.projectId, proposalRevision: 1, assessedAt: t0, policyVersion: 3,
                                             complete: true, approvalThreshold: 60, recommendation: .proceed)
        _ = project.send(.intakeAssessment(assessment))
        let entry = of(PortfolioEntryUpdated.self, project.send(.intakeDecision(decision))).first
        #expect(entry?.cycleTimes?.intakeCycleDays == 3)
    }

    @Test func aWithdrawnProposalShowsAsWithdrawnAndAGrantedAppealLiftsARejection() throws {
        func decision(_ outcome: DecisionOutcome, appeal: AppealVerdict? = nil) -> IntakeDecisionMade {
            IntakeDecisionMade(projectId: "PRJ-2026-014", proposalRevision: 1, decidedAt: t0, policyVersion: 3, outcome: outcome,
                               reasons: ["because"], projectManagerAppointmentRequired: false, appealVerdict: appeal)
        }
        var rejected = try MonitoredProject()
        _ = try rejected.charter()
        #expect(of(PortfolioEntryUpdated.self, rejected.send(.intakeDecision(decision(.rejected)))).first?.phase == .rejected)
        // The harness's project has a charter, so once the rejection is lifted it shows as chartered.
        #expect(of(PortfolioEntryUpdated.self, rejected.send(.intakeDecision(decision(.returnedForRevision, appeal: .grant)))).first?.phase
            == .chartered)
        var withdrawn = try MonitoredProject()
        _ = try withdrawn.charter()
        #expect(of(PortfolioEntryUpdated.self, withdrawn.send(.intakeDecision(decision(.withdrawn)))).first?.phase == .withdrawn)
    }
}

extension CalendarDate {
    /// Midnight UTC at the start of the day.
    var midnight: Date { Date(timeIntervalSince1970: TimeInterval(CalendarDate(year: 1970, month: 1, day: 1)!.days(until: self)) * 86_400) }
}

extension Array {
    /// The one element, `nil` unless there is exactly one.
    var only: Element? { count == 1 ? first : nil }
}
