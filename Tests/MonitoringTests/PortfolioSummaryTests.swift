import Foundation
import Testing
import PMOModel
@testable import Monitoring

/// Hand-worked figures. The policy is in EUR with 2026 targets of 20 intake days, 10 plan review
/// days, 2 change decision days and 90 % on-time reporting. The register:
///
///     project        phase      health  BAC            figures (PV / EV / AC / EAC)               cycle times
///     PRJ-2026-001   executing  green   500,000 EUR    200,000 / 180,000 / 190,000 / 527,777.78   intake 14, reviews 12 d / 2, changes 6 d / 2
///     PRJ-2026-002   executing  red     300,000.10     100,000.05 / 110,000 / 120,000 / —        intake 21.5, reviews 9 d / 1, overdue
///     PRJ-2026-003   baselined  green   200,000 EUR    —                                         intake 17, reviews 4 d / 1
///     PRJ-2026-004   proposed   —       —              —                                         —
///     PRJ-2026-005   executing  amber   1,000,000 USD  400,000 / 380,000 / 410,000 USD (10-05)   changes 3 d / 1
///     PRJ-2025-044   closed     green   250,000 EUR    250,000 / 250,000 / 262,500 / 262,500      intake 30
///     PRJ-2026-006   rejected   —       —              —                                         intake 6
///
/// PRJ-2026-005 is in USD: left out of every money total, counted everywhere else.
/// - BAC (baselined, executing, closed; EUR): 500,000 + 300,000.10 + 200,000 + 250,000 = 1,250,000.10
/// - EAC (EAC else BAC): 527,777.78 + 300,000.10 + 200,000 + 262,500 = 1,290,277.88
/// - PV 550,000.05, EV 540,000, AC 572,500: SPI 540,000 / 550,000.05 = 0.98181809… → 0.9818,
///   CPI 540,000 / 572,500 = 0.94323144… → 0.9432
/// - intake (14 + 21.5 + 17 + 30 + 6) / 5 = 17.7; reviews (12 + 9 + 4) / 4 = 6.25;
///   changes (6 + 3) / 3 = 3; on time: 2 of 3 executing = 66.666… → 66.6667 %
@Suite("The portfolio summary summed from the register")
struct PortfolioSummaryTests {
    let now = t0.addingTimeInterval(300 * 86_400)

    func policy(targets: KPITargets? = KPITargets(year: 2026, intakeCycleDays: 20, planReviewDays: 10,
                                                  changeDecisionDays: 2, onTimeReportingPercent: 90)) throws -> PolicyPublished {
        var policy = try exampleEvent(PolicyPublished.self)
        policy.kpiTargets = targets
        return policy
    }

    func entry(_ projectId: String, _ phase: ProjectPhase, health: RAGStatus? = nil, budget: Money? = nil,
               figures: PortfolioEntryFigures? = nil, alerts: [String] = [], escalations: [String] = [],
               overdue: Bool? = nil, cycles: ProjectCycleTimes? = nil, at seconds: TimeInterval = 0) -> PortfolioEntryUpdated {
        PortfolioEntryUpdated(
            projectId: projectId, title: "Project \(projectId)", phase: phase, sponsor: "helene.dubois",
            baselineRevision: [.baselined, .executing, .closed].contains(phase) ? 1 : 0, health: health,
            budgetAtCompletion: budget, updatedAt: t0.addingTimeInterval(seconds), figures: figures,
            openAlerts: alerts, openEscalations: escalations,
            reporting: overdue.map { PortfolioEntryReporting(nextReportDue: day("2026-10-12"), overdue: $0, reportsReceived: 4) },
            cycleTimes: cycles)
    }

    func figures(_ asOf: String, _ pv: Decimal, _ ev: Decimal, _ ac: Decimal, eac: Decimal? = nil,
                 currency: String = "EUR") -> PortfolioEntryFigures {
        PortfolioEntryFigures(asOf: day(asOf), plannedValue: Money(pv, currency), earnedValue: Money(ev, currency),
                              actualCost: Money(ac, currency), estimateAtCompletion: eac.map { Money($0, currency) })
    }

    func cycles(intake: Double? = nil, reviews: Double = 0, decided: Int = 0, changes: Double = 0,
                decisions: Int = 0) -> ProjectCycleTimes {
        ProjectCycleTimes(intakeCycleDays: intake, planReviewDaysTotal: reviews, planReviewsDecided: decided,
                          changeDecisionDaysTotal: changes, changeDecisions: decisions)
    }

    /// The register of the table above.
    var entries: [PortfolioEntryUpdated] {
        [
            entry("PRJ-2026-001", .executing, health: .green, budget: eur(500_000),
                  figures: figures("2026-09-14", 200_000, 180_000, 190_000, eac: dec("527777.78")),
                  alerts: ["AL-1"], overdue: false, cycles: cycles(intake: 14, reviews: 12, decided: 2, changes: 6, decisions: 2)),
            entry("PRJ-2026-002", .executing, health: .red, budget: eur(dec("300000.10")),
                  figures: figures("2026-09-28", dec("100000.05"), 110_000, 120_000),
                  alerts: ["AL-2", "AL-3"], escalations: ["ES-1"], overdue: true,
                  cycles: cycles(intake: 21.5, reviews: 9, decided: 1)),
            entry("PRJ-2026-003", .baselined, health: .green, budget: eur(200_000), cycles: cycles(intake: 17, reviews: 4, decided: 1)),
            entry("PRJ-2026-004", .proposed),
            entry("PRJ-2026-005", .executing, health: .amber, budget: Money(1_000_000, "USD"),
                  figures: figures("2026-10-05", 400_000, 380_000, 410_000, currency: "USD"),
                  escalations: ["ES-1"], overdue: false, cycles: cycles(changes: 3, decisions: 1)),
            entry("PRJ-2025-044", .closed, health: .green, budget: eur(250_000),
                  figures: figures("2026-03-31", 250_000, 250_000, 262_500, eac: 262_500), overdue: false,
                  cycles: cycles(intake: 30)),
            entry("PRJ-2026-006", .rejected, cycles: cycles(intake: 6)),
        ]
    }

    /// The summary of `register` under `policy`, its event validated against the contract.
    func summarize(_ register: PortfolioRegister, _ policy: PolicyPublished,
                   sourceLocation: SourceLocation = #_sourceLocation) -> PortfolioSummary {
        let summary = PortfolioSummary(register: register, policy: policy, now: now)
        #expect(summary.event.validate().isEmpty, "\(summary.event.validate())", sourceLocation: sourceLocation)
        return summary
    }

    @Test func phasesHealthAndCountsFollowTheDeclarationOrders() throws {
        let summary = try summarize(PortfolioRegister(entries), policy())
        let event = summary.event
        #expect(event.portfolioId == "enterprise" && event.publishedAt == now && event.projects == 7)
        #expect(event.projectsByPhase == [
            PhaseCount(phase: .proposed, projects: 1), PhaseCount(phase: .baselined, projects: 1),
            PhaseCount(phase: .executing, projects: 3), PhaseCount(phase: .closed, projects: 1),
            PhaseCount(phase: .rejected, projects: 1),
        ])
        // Executing 001 green, 002 red, 005 amber; baselined 003 green; the closed project's green
        // does not count.
        #expect(event.projectsByHealth == [
            RAGCount(rating: .green, projects: 2), RAGCount(rating: .amber, projects: 1), RAGCount(rating: .red, projects: 1),
        ])
        // The latest status date among the entries' figures (the USD project's).
        #expect(event.asOf == day("2026-10-05"))
    }

    @Test func moneyIsSummedExactlyInThePolicyCurrencyAndOtherCurrenciesAreLeftOut() throws {
        let summary = try summarize(PortfolioRegister(entries), policy())
        let event = summary.event
        #expect(summary.leftOutForCurrency == ["PRJ-2026-005"])
        #expect(event.totalBudgetAtCompletion == eur(dec("1250000.10")))
        #expect(event.totalEstimateAtCompletion == eur(dec("1290277.88")))
        #expect(event.totalPlannedValue == eur(dec("550000.05")))
        #expect(event.totalEarnedValue == eur(540_000))
        #expect(event.totalActualCost == eur(572_500))
        #expect(event.portfolioSchedulePerformanceIndex == 0.9818)
        #expect(event.portfolioCostPerformanceIndex == 0.9432)
    }

    @Test func kpisAreExactAveragesOfTheCycleTimesAndSumsOfTheOpenItems() throws {
        let kpis = try summarize(PortfolioRegister(entries), policy()).event.kpis
        #expect(kpis.averageIntakeCycleDays == 17.7)
        #expect(kpis.averageReviewCycleDays == 6.25)
        #expect(kpis.averageChangeApprovalDays == 3)
        #expect(kpis.openAlerts == 3 && kpis.openEscalations == 2)
        #expect(kpis.onTimeReportingPercent == 66.6667)
    }

    @Test func eachTargetIsMetOrMissedDaysAtMostThePercentageAtLeast() throws {
        let event = try summarize(PortfolioRegister(entries), policy()).event
        #expect(event.kpiTargetsYear == 2026)
        #expect(event.kpiResults == [
            KPIResult(kpi: .intakeCycleDays, value: 17.7, target: 20, met: true),
            KPIResult(kpi: .planReviewDays, value: 6.25, target: 10, met: true),
            KPIResult(kpi: .changeDecisionDays, value: 3, target: 2, met: false),
            KPIResult(kpi: .onTimeReportingPercent, value: 66.6667, target: 90, met: false),
        ])
    }

    @Test func aValueEqualToItsTargetMeetsItJudgedOnThePublishedValue() throws {
        // 3 days against 3 (at most) is met; 66.6667 % as published against 66.6667 (at least) is
        // met although the unrounded share, 66.666…, is below it.
        let targets = KPITargets(year: 2027, changeDecisionDays: 3, onTimeReportingPercent: 66.6667)
        let event = try summarize(PortfolioRegister(entries), policy(targets: targets)).event
        #expect(event.kpiTargetsYear == 2027)
        #expect(event.kpiResults == [
            KPIResult(kpi: .changeDecisionDays, value: 3, target: 3, met: true),
            KPIResult(kpi: .onTimeReportingPercent, value: 66.6667, target: 66.6667, met: true),
        ])
        let missed = KPITargets(year: 2027, changeDecisionDays: 2.9999, onTimeReportingPercent: 66.6668)
        #expect(try summarize(PortfolioRegister(entries), policy(targets: missed)).event.kpiResults.map(\.met) == [false, false])
    }

    @Test func withoutTargetsTheKPIsAreStatedAlone() throws {
        let event = try summarize(PortfolioRegister(entries), policy(targets: nil)).event
        #expect(event.kpiResults.isEmpty && event.kpiTargetsYear == nil)
        #expect(event.kpis.averageIntakeCycleDays == 17.7)
    }

    @Test func anEmptyRegisterGivesZeroTotalsNoIndicesAndTargetsWithoutValues() throws {
        let event = try summarize(PortfolioRegister(), policy()).event
        #expect(event.projects == 0 && event.projectsByPhase.isEmpty && event.projectsByHealth.isEmpty)
        #expect(event.totalBudgetAtCompletion == eur(0) && event.totalEstimateAtCompletion == eur(0))
        #expect(event.totalPlannedValue == nil && event.totalEarnedValue == nil && event.totalActualCost == nil)
        #expect(event.portfolioSchedulePerformanceIndex == nil && event.portfolioCostPerformanceIndex == nil)
        #expect(event.kpis == PortfolioKPIs(openAlerts: 0, openEscalations: 0))
        #expect(event.kpiResults.map(\.kpi) == PortfolioKPI.allCases)
        #expect(event.kpiResults.allSatisfy { $0.value == nil && $0.met == nil })
        // No figures: the summary is as of the UTC date of `now` (t0 + 300 days = 2026-10-28).
        #expect(event.asOf == day("2026-10-28"))
    }

    @Test func indicesAreAbsentWhenNothingIsPlannedOrSpentYet() throws {
        let early = entry("PRJ-2026-001", .executing, health: .green, budget: eur(500_000),
                          figures: figures("2026-04-10", 0, 0, 0), overdue: false)
        let event = try summarize(PortfolioRegister([early]), policy()).event
        #expect(event.totalPlannedValue == eur(0) && event.totalActualCost == eur(0))
        #expect(event.portfolioSchedulePerformanceIndex == nil && event.portfolioCostPerformanceIndex == nil)
        #expect(event.totalEstimateAtCompletion == eur(500_000))
        #expect(event.kpis.onTimeReportingPercent == 100)
    }

    @Test func moneyIsRoundedToCentsOnlyInTheEvent() throws {
        // Three thirds of a cent too many: 0.004 + 0.004 + 0.004 = 0.012 → 0.01 (rounding each
        // amount first would give 0).
        let entries = (1...3).map { index in
            entry("PRJ-2026-00\(index)", .baselined, budget: eur(dec("0.004")))
        }
        let event = try summarize(PortfolioRegister(entries), policy()).event
        #expect(event.totalBudgetAtCompletion == eur(dec("0.01")))
    }

    @Test func theSummaryDoesNotDependOnTheOrderTheEntriesWereApplied() throws {
        // Every project's entry in an older and a newer version, so a stale one applied last must
        // not roll its project back.
        let newest = entries.enumerated().map { index, entry in
            var entry = entry
            entry.updatedAt = t0.addingTimeInterval(TimeInterval(1_000 + index))
            return entry
        }
        let older = entries.map { entry in
            var entry = entry
            entry.phase = .chartered
            entry.health = nil
            entry.openAlerts = ["AL-99"]
            return entry
        }
        let policy = try policy()
        let expected = summarize(PortfolioRegister(newest), policy)
        var generator = SplitMix64(seed: 2026)
        for _ in 0..<25 {
            let shuffled = (newest + older).shuffled(using: &generator)
            let summary = summarize(PortfolioRegister(shuffled), policy)
            #expect(summary == expected, "\(shuffled.map(\.projectId))")
        }
    }

    @Test func aLaterEntryReplacesItsProjectAnOlderOneDoesNotAndATombstoneRemovesIt() {
        var register = PortfolioRegister()
        let first = entry("PRJ-2026-001", .baselined, at: 10)
        var later = first
        later.phase = .executing
        later.updatedAt = first.updatedAt.addingTimeInterval(60)
        let applied = [register.apply(first), register.apply(later), register.apply(first), register.apply(later)]
        #expect(applied == [true, true, false, false])
        #expect(register.entries["PRJ-2026-001"]?.phase == .executing)
        // The same instant: the later in the topic's order wins.
        var corrected = later
        corrected.health = .amber
        let correctedApplied = register.apply(corrected)
        #expect(correctedApplied)
        #expect(register.entries["PRJ-2026-001"]?.health == .amber)
        let removed = [register.remove(projectId: "PRJ-2026-001"), register.remove(projectId: "PRJ-2026-001")]
        #expect(removed == [true, false] && register.count == 0)
    }

    @Test func summariesDifferInAnythingButThePublicationTime() throws {
        let policy = try policy()
        let register = PortfolioRegister(entries)
        let first = PortfolioSummary(register: register, policy: policy, now: now).event
        let later = PortfolioSummary(register: register, policy: policy, now: now.addingTimeInterval(60)).event
        #expect(first != later)
        #expect(!PortfolioSummary.differs(first, later))
        var changed = register
        var entry = try #require(register.entries["PRJ-2026-001"])
        entry.openAlerts = []
        entry.updatedAt = entry.updatedAt.addingTimeInterval(1)
        changed.apply(entry)
        let fewerAlerts = PortfolioSummary(register: changed, policy: policy, now: now).event
        #expect(PortfolioSummary.differs(first, fewerAlerts))
    }
}

/// A small seeded generator (SplitMix64), so shuffles are the same on every run.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
