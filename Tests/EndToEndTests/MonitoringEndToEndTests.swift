import Foundation
import Kafka
import PMOModel
import Testing

extension EndToEnd {
    /// Monitoring as built, against the broker: 20 chartered and baselined projects report weekly
    /// for eight weeks to two monitoring instances, one of which is killed (SIGKILL, its
    /// transaction open) after the first four weeks and replaced. Project 1 goes green, amber,
    /// breaches its schedule variance while its SPI falls three reports in a row, breaches again
    /// with a major risk, and recovers; the other 19 stay on plan. The eight weekly reports are
    /// published within seconds, their periods ending 49 days ago to today: the plans' reporting
    /// cadence is 90 days so that none of them is overdue while the next is being published
    /// (overdue alerts are tested in MonitoringDeskTests with a clock of their own).
    @Suite("Monitoring end to end", .serialized)
    struct MonitoringEndToEndTests {
        static let outputTopics = ["pmo.monitoring.health", "pmo.monitoring.alerts", "pmo.monitoring.escalations",
                                   "pmo.portfolio.register", "pmo.monitoring.dlq"]
        static let projects = 20
        static let weeks = 8

        /// Project 1's earned value each week, against PV 1,000 × t (t = 12, 19, …, 61): SPI 1,
        /// 0.92 (amber), 0.87 (amber; −13 %: a breach, and SPI fell over three reports), 0.84 (red,
        /// still breaching, with a major risk), then 1.
        static let project1Earned: [Decimal] = [12_000, 17_480, 22_620, 27_720, 40_000, 47_000, 54_000, 61_000]

        @Test(TestBroker.enabled, .timeLimit(.minutes(6)))
        func twentyProjectsThroughTwoInstancesOneKilledMidway() async throws {
            let started = ContinuousClock.now
            let year = String(Int.random(in: 3000...9999))
            let project = { (number: Int) in String(format: "PRJ-\(year)-%03d", number) }
            try await SpawnedProcess.prepareBroker()

            let group = "test.monitoring.\(UUID().uuidString.prefix(8).lowercased())"
            func start(_ name: String) throws -> SpawnedProcess {
                try SpawnedProcess.service("pmo-monitoring", group: group, instance: "e2e-monitoring-\(name)",
                                           ["--tick-interval-s", "1", "--summary-interval-s", "1"])
            }
            var instances = [try start("a"), try start("b")]
            defer { for instance in instances { instance.stop() } }
            for instance in instances { try await instance.waitUntilReady() }

            let today = CalendarDate(utcDayOf: Date())
            let firstDay = today.adding(days: -60)!
            let producer = try KafkaProducer(configuration: try TestBroker.producerConfiguration(), logger: testLogger)
            func publish(_ events: [any PMOEvent], source: String) async throws {
                for event in events {
                    let record = try EventRegistry.standard.encode(event, id: UUID().uuidString, source: source, time: Date())
                    let topic = try #require(TopicCatalog.topic(carrying: type(of: event).eventType)).name
                    try await producer.send(ProducerRecord(topic: topic, key: record.key, value: record.value,
                                                           headers: record.headers.map { KafkaHeader(name: $0.name, value: $0.value) }))
                }
            }
            for number in 1...Self.projects {
                let bac = Decimal(100_000 * number)
                try await publish([Self.charter(project(number), number: number)], source: "/pmo/intake")
                try await publish([Self.baseline(project(number), start: firstDay, bac: bac)], source: "/pmo/planning")
            }
            for week in 0..<Self.weeks {
                if week == Self.weeks / 2 {
                    // Midway: kill instance a with its transaction open, and replace it.
                    try await Task.sleep(for: .milliseconds(Int.random(in: 200...800)))
                    kill(instances[0].process.processIdentifier, SIGKILL)
                    instances[0].process.waitUntilExit()
                    instances.append(try start("c"))
                }
                let periodEnd = today.adding(days: -49 + 7 * week)!
                let t = Decimal(firstDay.days(until: periodEnd) + 1)
                for number in 1...Self.projects {
                    let earned = number == 1 ? Self.project1Earned[week] : Decimal(number) * 1_000 * t
                    let risks = number == 1 && week == 3
                        ? [Risk(riskId: "R-1", description: "Key supplier late", probability: 0.8, impact: 4,
                                owner: "sofia.rossi", status: .open, crossDepartment: false)] : []
                    try await publish([Self.report(project(number), periodEnd: periodEnd, earned: earned, risks: risks)],
                                      source: "/e2e/pm")
                }
            }
            await producer.close()

            let outputs = try await OutputReader.collect(prefix: "PRJ-\(year)-", topics: Self.outputTopics, within: .seconds(200)) { reader in
                let latest = Dictionary(reader.registerEntries.map { ($0.projectId, $0) }, uniquingKeysWith: { _, last in last })
                return latest.count == Self.projects && latest.values.allSatisfy { $0.reporting?.reportsReceived == Self.weeks }
            }
            print("monitoring end to end: \(outputs.healths.count) healths, \(outputs.alertsRaised.count) alerts, \(outputs.registerEntries.count) register entries after \(ContinuousClock.now - started)")
            let latest = Dictionary(outputs.registerEntries.map { ($0.projectId, $0) }, uniquingKeysWith: { _, last in last })
            if latest.count < Self.projects { print(instances.map(\.output).joined(separator: "\n----\n").suffix(6000)) }

            // Every project: eight measured healths, one per week, whatever instance made them.
            for number in 1...Self.projects {
                let healths = outputs.healths.filter { $0.projectId == project(number) }
                #expect(Set(healths.map(\.asOf)).count == Self.weeks, "\(project(number))")
                #expect(healths.allSatisfy { $0.measurement == .measured })
            }
            // Project 1: the exact alerts, escalations and closings.
            let p1 = project(1)
            #expect(outputs.alertsRaised.filter { $0.projectId == p1 }.map { "\($0.alertId) \($0.kind.rawValue)" }
                    == ["AL-1 schedule-variance", "AL-2 adverse-trend"])
            #expect(outputs.escalations.filter { $0.projectId == p1 }.map { "\($0.escalationId) \($0.kind.rawValue)" }
                    == ["ES-1 unresolved-variance", "ES-2 major-risk"])
            #expect(outputs.alertsClosed.filter { $0.projectId == p1 }.map(\.alertId) == ["AL-1", "AL-2"])
            #expect(outputs.escalationsResolved.filter { $0.projectId == p1 }.map(\.escalationId) == ["ES-1", "ES-2"])
            var p1Schedule: [CalendarDate: RAGStatus] = [:]
            for health in outputs.healths where health.projectId == p1 { p1Schedule[health.asOf] = health.ratings?.schedule }
            let ratings: [RAGStatus] = p1Schedule.keys.sorted().compactMap { p1Schedule[$0] }
            #expect(ratings == [.green, .amber, .amber, .red, .green, .green, .green, .green])
            // Nobody else raised anything.
            #expect(outputs.alertsRaised.allSatisfy { $0.projectId == p1 })
            #expect(outputs.deadLetters.isEmpty)

            // The register's totals are exact: Σ BAC = 100,000 × 210, Σ EV = 61,000 × 210.
            #expect(latest.count == Self.projects)
            let bac = latest.values.compactMap(\.budgetAtCompletion?.amount).reduce(0, +)
            let earned = latest.values.compactMap(\.figures?.earnedValue.amount).reduce(0, +)
            #expect(bac == 21_000_000 && earned == 12_810_000)
            #expect(latest.values.allSatisfy { $0.phase == .executing && $0.openAlerts.isEmpty && $0.openEscalations.isEmpty })

            // The summary (second stage, published by whichever instance owns partition 0) is the
            // sum of the whole register, whatever other tests left in it: wait until its latest
            // summary counts every project, then check its totals against the register's.
            func registerTotals(_ reader: OutputReader) -> (projects: Int, bac: Decimal, earned: Decimal) {
                let entries = Dictionary(reader.registerEntries.map { ($0.projectId, $0) }, uniquingKeysWith: { _, last in last }).values
                let money = entries.filter { ($0.budgetAtCompletion?.currency ?? "EUR") == "EUR" && ($0.figures?.earnedValue.currency ?? "EUR") == "EUR" }
                return (entries.count, money.compactMap(\.budgetAtCompletion?.amount).reduce(0, +),
                        money.compactMap(\.figures?.earnedValue.amount).reduce(0, +))
            }
            let portfolio = try await OutputReader.collect(prefix: "", topics: ["pmo.portfolio.register", "pmo.portfolio.summary"],
                                                           within: .seconds(60)) { reader in
                let totals = registerTotals(reader)
                return reader.summaries.last.map { $0.projects == totals.projects && $0.totalEarnedValue?.amount == totals.earned } ?? false
            }
            let summary = try #require(portfolio.summaries.last)
            let totals = registerTotals(portfolio)
            print("portfolio summary: \(portfolio.summaries.count) published, \(totals.projects) projects in the register")
            #expect(summary.projects == totals.projects)
            #expect(summary.totalBudgetAtCompletion.amount == totals.bac)
            #expect(summary.totalEarnedValue?.amount == totals.earned)
            #expect(totals.earned >= 12_810_000 && totals.bac >= 21_000_000)
            #expect(summary.projectsByPhase.first { $0.phase == .executing }.map { $0.projects >= Self.projects } ?? false)
        }

        static func charter(_ projectId: String, number: Int) -> ProjectChartered {
            let priorities: [Priority] = [.critical, .high, .medium, .low]
            return ProjectChartered(
                projectId: projectId, title: "Monitored project \(number)", proposalRevision: 1, charteredAt: Date(),
                policyVersion: 1, objectives: ["Deliver"], strategicObjectives: ["SO-1"],
                scope: ProjectScope(inScope: ["Everything planned"], outOfScope: []),
                deliverables: [Deliverable(deliverableId: "D-1", name: "Result")],
                budgetCeiling: Money(Decimal(200_000 * number), "EUR"), targetStart: CalendarDate(year: 2026, month: 1, day: 1)!,
                targetFinish: CalendarDate(year: 2027, month: 12, day: 31)!, sponsor: "helene.dubois",
                projectManager: "marc.lefevre", priority: priorities[number % 4], classification: .standard,
                departmentsInvolved: ["marketing"])
        }

        static func baseline(_ projectId: String, start: CalendarDate, bac: Decimal) -> ProjectBaselined {
            let finish = start.adding(days: 99)!
            return ProjectBaselined(
                projectId: projectId, baselineRevision: 1, planRevision: 1, baselinedAt: Date(), policyVersion: 1,
                projectManager: "marc.lefevre",
                baseline: PlanBaseline(
                    milestones: [Milestone(milestoneId: "MS-1", name: "Done", plannedDate: finish)],
                    workPackages: [WorkPackage(workPackageId: "WP-1", name: "All", plannedStart: start, plannedFinish: finish,
                                               plannedValue: Money(bac, "EUR"))],
                    plannedValueCurve: [
                        PlannedValuePoint(date: start.adding(days: 9)!, cumulativePlannedValue: Money(bac / 10, "EUR")),
                        PlannedValuePoint(date: finish, cumulativePlannedValue: Money(bac, "EUR")),
                    ],
                    budgetAtCompletion: Money(bac, "EUR")),
                statusReportCadenceDays: 90)
        }

        static func report(_ projectId: String, periodEnd: CalendarDate, earned: Decimal, risks: [Risk]) -> StatusReported {
            StatusReported(
                projectId: projectId, reportedAt: Date(), reportedBy: "marc.lefevre", baselineRevision: 1,
                periodStart: periodEnd.adding(days: -6)!, periodEnd: periodEnd, earnedValue: Money(earned, "EUR"),
                actualCost: Money(earned, "EUR"), forecastFinish: periodEnd.adding(days: 60)!,
                quality: QualityStatus(defectsOpen: 0, defectsClosed: 0, failedAcceptanceTests: 0), risks: risks, final: false)
        }
    }
}
