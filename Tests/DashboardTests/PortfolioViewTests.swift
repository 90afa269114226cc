import Dashboard
import Foundation
import PMOModel
import Testing

/// Issue 14: the dashboard's view folded from the aggregated topics; the order events arrive in
/// and duplicates change nothing.
@Suite struct PortfolioViewTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The first of the contract's examples of `T`.
    func example<T: PMOEvent>(_ type: T.Type) throws -> T {
        let data = try Data(contentsOf: Self.root.appendingPathComponent("schemas/examples/\(T.eventType).json"))
        let examples = try #require(try JSONSerialization.jsonObject(with: data) as? [Any])
        let first = try JSONSerialization.data(withJSONObject: try #require(examples.first))
        return try #require(try EventRegistry.standard.decodeValidated(type: T.eventType, data: first) as? T)
    }

    func record(_ event: some PMOEvent, id: String) -> DecodedEvent {
        DecodedEvent(attributes: CloudEventAttributes(id: id, source: "/pmo/test", type: type(of: event).eventType,
                                                      time: Date(timeIntervalSince1970: 0), subject: event.recordKey),
                     event: event)
    }

    func at(_ seconds: TimeInterval) -> Date { Date(timeIntervalSince1970: 1_790_000_000 + seconds) }

    /// A project's life in the aggregated topics, every event with its own id.
    func history() throws -> [DecodedEvent] {
        var events: [DecodedEvent] = []
        func add(_ event: some PMOEvent) { events.append(record(event, id: "e\(events.count)")) }
        let project = try example(PortfolioEntryUpdated.self).projectId
        var entry = try example(PortfolioEntryUpdated.self)
        entry.updatedAt = at(10)
        add(entry)
        entry.updatedAt = at(20)
        entry.phase = .executing
        add(entry)
        var health = try example(HealthAssessedV2.self)
        health.projectId = project
        health.assessedAt = at(5)
        add(health)
        health.assessedAt = at(6)
        health.policyVersion += 1
        add(health)
        var alert = try example(AlertRaised.self)
        alert.projectId = project
        add(alert)
        var closed = try example(AlertClosed.self)
        closed.projectId = project
        closed.alertId = alert.alertId
        add(closed)
        var escalation = try example(EscalationRaised.self)
        escalation.projectId = project
        add(escalation)
        var summary = try example(PortfolioSummaryPublished.self)
        summary.publishedAt = at(1)
        add(summary)
        summary.publishedAt = at(2)
        summary.projects = 99
        add(summary)
        var conflict = try example(ResourceConflictDetected.self)
        conflict.detectedAt = at(1)
        add(conflict)
        var resolved = try example(ResourceConflictResolved.self)
        resolved.resourceId = conflict.resourceId
        resolved.periodStart = conflict.periodStart
        resolved.resolvedAt = at(2)
        add(resolved)
        var charter = try example(ProjectChartered.self)
        charter.projectId = project
        add(charter)
        var baselined = try example(ProjectBaselined.self)
        baselined.projectId = project
        add(baselined)
        var rebaselined = try example(ProjectRebaselined.self)
        rebaselined.projectId = project
        add(rebaselined)
        var intake = try example(IntakeDecisionMade.self)
        intake.projectId = project
        add(intake)
        var plan = try example(PlanDecisionMade.self)
        plan.projectId = project
        add(plan)
        var change = try example(ChangeDecisionMade.self)
        change.projectId = project
        add(change)
        var report = try example(StatusReported.self)
        report.projectId = project
        add(report)
        let reachedEarlier = MilestoneReached(milestoneId: "M-1", reachedOn: try #require(CalendarDate("2026-05-04")))
        report.periodEnd = try #require(report.periodEnd.adding(days: -14))
        report.milestonesReached = [reachedEarlier]
        report.risks = []
        add(report)
        return events
    }

    func fold(_ events: [DecodedEvent]) -> PortfolioView {
        var view = PortfolioView()
        for event in events { view.apply(event) }
        return view
    }

    /// Every rotation of the events, forwards and backwards, and their interleavings by 2 to 5.
    func orders(of events: [DecodedEvent]) -> [[DecodedEvent]] {
        let rotations = events.indices.map { Array(events[$0...] + events[..<$0]) }
        let interleavings = (2...5).map { step in (0..<step).flatMap { Array(stride(from: $0, to: events.count, by: step)) }.map { events[$0] } }
        return rotations + rotations.map { $0.reversed() } + interleavings
    }

    @Test func theOrderOfArrivalDoesNotMatter() throws {
        let events = try history()
        let inOrder = fold(events)
        for order in orders(of: events) {
            #expect(fold(order) == inOrder)
        }
    }

    @Test func duplicatesChangeNothing() throws {
        let events = try history()
        let once = fold(events)
        var view = once
        for event in events {
            let changed = view.apply(event)
            #expect(!changed)
        }
        #expect(view == once)
        #expect(fold(events + events.reversed()) == once)
    }

    @Test func theLatestRegisterEntrySummaryAndCorrectedReportWin() throws {
        let view = fold(try history().reversed())
        let project = try #require(view.projects.values.first { $0.entry != nil })
        #expect(project.entry?.phase == .executing)
        #expect(view.summary?.projects == 99)
        #expect(project.healthHistory.count == 1, "a corrected report replaces its period's")
        #expect(project.latestHealth?.assessedAt == at(6))
    }

    @Test func aClosedAlertIsNotOpenEvenWhenItsClosingCameFirst() throws {
        let events = try history()
        let closingFirst = events.sorted { first, _ in first.event is AlertClosed }
        let project = try #require(fold(closingFirst).projects.values.first { !$0.alertsRaised.isEmpty })
        #expect(project.openAlerts.isEmpty)
        #expect(project.openEscalations.count == 1)
    }

    @Test func aConflictResolvedAfterItsDetectionIsNotOpenAndADetectionAfterTheResolutionIs() throws {
        var events = try history()
        #expect(fold(events).openConflicts.isEmpty)
        var again = try example(ResourceConflictDetected.self)
        again.detectedAt = at(3)
        events.append(record(again, id: "again"))
        #expect(fold(events).openConflicts.map(\.detectedAt) == [at(3)])
    }

    @Test func theAuditTrailIsInTimeOrderWithEveryDecisionMonitoringsIncluded() throws {
        let view = fold(try history().reversed())
        let project = try #require(view.projects.values.first { !$0.audit.isEmpty })
        #expect(project.audit == project.audit.sorted())
        #expect(Set(project.audit.map(\.process)) == [.intake, .planning, .change, .monitoring])
        // charter, baseline, re-baseline, three decisions; an alert raised and closed, an escalation raised
        #expect(project.audit.count == 9)
        #expect(project.audit.filter { $0.process == .monitoring }.allSatisfy { !$0.reasons.isEmpty && $0.policyVersion > 0 })
        let revisions: Set<Int> = [try example(ProjectBaselined.self).baselineRevision, try example(ProjectRebaselined.self).baselineRevision]
        #expect(Set(project.baselines.keys) == revisions)
        #expect(project.currentBaseline?.revision == revisions.max())
    }

    @Test func theLatestReportGivesTheRisksAndEveryReportItsMilestones() throws {
        let view = fold(try history().reversed())
        let project = try #require(view.projects.values.first { $0.latestReport != nil })
        #expect(project.latestReport?.risks.isEmpty == false, "the later period's report, with its risks, wins")
        #expect(project.milestonesReached["M-1"] == CalendarDate("2026-05-04"), "an earlier report's milestones are kept")
    }

    @Test func eventsTheDashboardDoesNotShowAreIgnored() throws {
        var view = PortfolioView()
        let changed = view.apply(record(try example(VoteCast.self), id: "vote"))
        #expect(!changed)
        #expect(view == PortfolioView())
    }
}

/// The charts' geometry from the view.
@Suite struct ChartTests {
    @Test func axisLabelsAreShort() {
        #expect(Figures.compact(451_500) == "451.5k")
        #expect(Figures.compact(1_200_000) == "1.2M")
        #expect(Figures.compact(400_000) == "400k")
        #expect(Figures.compact(950) == "950")
    }

    let examples = PortfolioViewTests()

    @Test func theSCurveSpansTheLargestValueAndHasOnePointPerCurvePointAndReport() throws {
        var view = PortfolioView()
        for event in try examples.history() { view.apply(event) }
        let project = try #require(view.projects.values.first { !$0.baselines.isEmpty })
        let chart = Chart.sCurve(project)
        let curves = project.baselines.values.map { $0.baseline.plannedValueCurve }
        let largest = curves.flatMap { $0.map { $0.cumulativePlannedValue.amount.nearestDouble } }.max() ?? 0
        // The top tick is the largest value plus 5 %, written short enough to fit the margin.
        #expect(chart.yTicks.last?.label.hasPrefix(Figures.compact(largest * 1.05)) == true)
        #expect(chart.yTicks.allSatisfy { $0.label.count <= 11 })
        #expect(chart.lines.filter { $0.style.hasPrefix("pv") }.map(\.dots.count).sorted() == curves.map(\.count).sorted())
        let measured = project.healthHistory.filter { $0.figures != nil }.count
        #expect(chart.lines.first { $0.name == "EV" }?.dots.count == measured)
        #expect(chart.lines.first { $0.name == "AC" }?.dots.count == measured)
        #expect(chart.lines.allSatisfy { $0.dots.allSatisfy { (0...chart.width).contains($0.x) && (0...chart.height).contains($0.y) } })
    }
}

/// The meeting pack's lists, from a folded view.
@Suite struct MeetingPackTests {
    let examples = PortfolioViewTests()

    func date(_ text: String) throws -> CalendarDate { try #require(CalendarDate(text)) }

    /// Health for `project` at `asOf` rated `overall`.
    func health(_ project: String, _ asOf: String, _ overall: RAGStatus, id: String) throws -> DecodedEvent {
        var health = try examples.example(HealthAssessedV2.self)
        health.projectId = project
        health.asOf = try date(asOf)
        health.ratings = HealthRatings(schedule: overall, cost: overall, quality: .green, risk: .green, overall: overall)
        return examples.record(health, id: id)
    }

    @Test func turnsToAmberOrRedInThePeriodWithTheRatingBefore() throws {
        var view = PortfolioView()
        for (index, (asOf, rating)) in [("2026-06-30", RAGStatus.green), ("2026-07-31", .amber), ("2026-08-31", .amber),
                                        ("2026-09-30", .red), ("2026-10-31", .green)].enumerated() {
            view.apply(try health("PRJ-2026-001", asOf, rating, id: "h\(index)"))
        }
        let pack = MeetingPack(view, from: try date("2026-07-01"), to: try date("2026-09-30"))
        #expect(pack.turnedAmberOrRed.map { "\($0.asOf) \($0.previous)→\($0.rating)" } == ["2026-07-31 green→amber", "2026-09-30 amber→red"])
        let later = MeetingPack(view, from: try date("2026-10-01"), to: try date("2026-10-31"))
        #expect(later.turnedAmberOrRed.isEmpty, "a return to green is no turn")
    }

    @Test func overdueActionsAreOpenAlertsDueBeforeTheMeeting() throws {
        var view = PortfolioView()
        var alert = try examples.example(AlertRaised.self)
        alert.actionDueOn = try date("2026-09-10")
        view.apply(examples.record(alert, id: "alert"))
        #expect(MeetingPack(view, from: try date("2026-09-01"), to: try date("2026-09-20")).overdueActions.map(\.alertId) == [alert.alertId])
        #expect(MeetingPack(view, from: try date("2026-09-01"), to: try date("2026-09-05")).overdueActions.isEmpty)
        var closed = try examples.example(AlertClosed.self)
        closed.projectId = alert.projectId
        closed.alertId = alert.alertId
        view.apply(examples.record(closed, id: "closed"))
        #expect(MeetingPack(view, from: try date("2026-09-01"), to: try date("2026-09-20")).overdueActions.isEmpty)
    }

    @Test func anAssessedProposalWaitsOnItsReviewsUntilDecidedNotMerelyRefused() throws {
        var view = PortfolioView()
        var assessment = try examples.example(AssessmentCompleted.self)
        assessment.requiredReviewDepartments = ["business", "finance"]
        view.apply(examples.record(assessment, id: "assessment"))
        let period = (try date("2026-01-01"), try date("2026-12-31"))
        #expect(MeetingPack(view, from: period.0, to: period.1).waitingDecisions.map(\.waitingOn) == ["reviews: business, finance"])
        var refusal = try examples.example(IntakeDecisionMade.self)
        refusal.projectId = assessment.projectId
        refusal.proposalRevision = assessment.proposalRevision
        refusal.outcome = .refused
        view.apply(examples.record(refusal, id: "refusal"))
        #expect(MeetingPack(view, from: period.0, to: period.1).waitingDecisions.count == 1, "a refused review decides nothing")
        var decision = refusal
        decision.outcome = .approved
        view.apply(examples.record(decision, id: "decision"))
        #expect(MeetingPack(view, from: period.0, to: period.1).waitingDecisions.isEmpty)
        #expect(view.projects[assessment.projectId]?.intakePhase == "proposed")
        decision.outcome = .rejected
        decision.decidedAt = decision.decidedAt.addingTimeInterval(60)
        view.apply(examples.record(decision, id: "rejection"))
        #expect(view.projects[assessment.projectId]?.intakePhase == "rejected")
    }
}
