import Foundation
import PMOModel

/// The monitoring benchmark's input stream, deterministic from a seed: the policy and roster
/// (the contract examples, the roster widened with project managers and resources), one charter
/// and one baseline per project (`PRJ-2026-000`…), and weekly status reports whose earned value and
/// actual cost drift so that some projects go amber or red, with quality figures, risks, issues
/// and resource usage. Every event is built with the model and validated before it is published
/// (``EventRegistry/encode(_:id:source:time:)`` refuses an invalid one).
struct MonitoringWorkload: Sendable {
    let seed: UInt64
    let projects: Int
    let policy: PolicyPublished
    let roster: RosterPublished
    /// `ce_source` of every generated event.
    static let source = "/bench/monitoring"
    static let currency = "EUR"

    /// What each project is: its plan, and how it performs.
    struct Profile: Sendable {
        let index: Int
        let projectId: String
        let start: CalendarDate
        let durationDays: Int
        let budget: Decimal
        let projectManager: String
        let sponsor: String
        let priority: Priority
        let resources: [String]
        /// The baseline's curve, also used to derive earned value from the intended SPI.
        let curve: [PlannedValuePoint]
        /// Performance: SPI and CPI oscillate around a base with an amplitude and a period.
        let spiBase: Double, spiAmplitude: Double, cpiBase: Double, cpiAmplitude: Double
        let periodWeeks: Double, phase: Double
        /// Whether this project carries a major risk (probability × impact ≥ the escalation score) for a while.
        let majorRiskFromWeek: Int?
    }

    let profiles: [Profile]
    let projectManagers: [String]

    /// Builds the workload from the example policy and roster (`examples`: the schemas/examples folder).
    init(seed: UInt64, projects: Int, examples: URL) throws {
        precondition(projects > 0 && projects <= 1000, "project ids are PRJ-2026-000…999")
        self.seed = seed
        self.projects = projects
        let policyData = try Data(contentsOf: examples.appendingPathComponent("pmo.config.policy.published.v1.json"))
        let rosterData = try Data(contentsOf: examples.appendingPathComponent("pmo.config.roster.published.v1.json"))
        guard let policy = try PMOJSON.decode([PolicyPublished].self, from: policyData).first,
              var roster = try PMOJSON.decode([RosterPublished].self, from: rosterData).first else {
            throw WorkloadError("the example policy or roster is empty")
        }
        self.policy = policy
        // 40 project managers and 60 resources on top of the example roster's people.
        let firstNames = ["alex", "bea", "carl", "dina", "emil", "fay", "gus", "hana", "ivo", "jade"]
        let lastNames = ["berg", "costa", "dahl", "ek", "fontaine", "gallo", "holm", "ito"]
        var managers = roster.members.filter { $0.roles.contains(.projectManager) }.map(\.personId)
        for n in 0..<40 {
            let id = "\(firstNames[n % firstNames.count]).\(lastNames[n / firstNames.count % lastNames.count])\(n)"
            roster.members.append(RosterMember(personId: id, name: id, department: "pmo", roles: [.projectManager]))
            managers.append(id)
        }
        let skills = ["data-engineer", "developer", "tester", "solution-architect", "analyst"]
        for n in 0..<60 {
            let id = "res.worker\(n)"
            let resourceId = String(format: "RES-%04d", 2000 + n)
            roster.members.append(RosterMember(personId: id, name: id, department: "technical",
                                               resource: ResourceProfile(resourceId: resourceId, skill: skills[n % skills.count],
                                                                         capacityHoursPerWeek: 32 + Double(n % 3) * 4)))
        }
        self.roster = roster
        self.projectManagers = managers
        let sponsors = roster.members.filter { $0.roles.contains(.sponsor) }.map(\.personId)
        let resourceIds = roster.members.compactMap { $0.resource?.resourceId }

        var profiles: [Profile] = []
        let origin = CalendarDate(year: 2026, month: 1, day: 5)!
        for index in 0..<projects {
            var random = SplitMix64(seed: seed &+ UInt64(index) &* 0x9E37_79B9_7F4A_7C15)
            let start = origin.adding(days: random.int(0...120))!
            // Two to four and a half years: the reports run past some plans' finish.
            let durationDays = 7 * random.int(104...234)
            let budget = Decimal(random.int(200...5000) * 1000)
            let curve = Self.curve(start: start, durationDays: durationDays, budget: budget)
            let spiBase = random.double(0.86...1.04)
            let cpiBase = random.double(0.88...1.05)
            profiles.append(Profile(
                index: index, projectId: String(format: "PRJ-2026-%03d", index), start: start, durationDays: durationDays,
                budget: budget, projectManager: managers[index % managers.count], sponsor: sponsors[index % max(1, sponsors.count)],
                priority: [Priority.critical, .high, .medium, .low][random.int(0...3)],
                resources: [resourceIds[index % resourceIds.count], resourceIds[(index * 7 + 3) % resourceIds.count]],
                curve: curve, spiBase: spiBase, spiAmplitude: random.double(0.0...0.08),
                cpiBase: cpiBase, cpiAmplitude: random.double(0.0...0.08),
                periodWeeks: random.double(8...40), phase: random.double(0...6.28),
                majorRiskFromWeek: random.int(0...19) == 0 ? random.int(5...60) : nil))
        }
        self.profiles = profiles
    }

    /// Four work packages over the four quarters of the plan: 15 %, 35 %, 35 %, 15 % of the budget;
    /// the curve's points are the quarters' ends.
    static let shares: [Decimal] = [0.15, 0.35, 0.35, 0.15]

    static func quarterEnds(start: CalendarDate, durationDays: Int) -> [CalendarDate] {
        (1...4).map { start.adding(days: durationDays * $0 / 4 - 1)! }
    }

    static func workPackageValues(_ budget: Decimal) -> [Decimal] {
        var values = shares.dropLast().map { ($0 * budget).roundedToCents }
        values.append(budget - values.reduce(0, +))
        return values
    }

    static func curve(start: CalendarDate, durationDays: Int, budget: Decimal) -> [PlannedValuePoint] {
        var cumulative = Decimal(0)
        return zip(quarterEnds(start: start, durationDays: durationDays), workPackageValues(budget)).map { end, value in
            cumulative += value
            return PlannedValuePoint(date: end, cumulativePlannedValue: Money(cumulative, currency))
        }
    }

    // MARK: Events

    func charter(_ p: Profile) -> ProjectChartered {
        let finish = p.start.adding(days: p.durationDays - 1)!
        return ProjectChartered(
            projectId: p.projectId, title: "Benchmark project \(p.index)", proposalRevision: 1,
            charteredAt: p.start.instant(daysBefore: 40, hour: 9), policyVersion: policy.version,
            objectives: ["Deliver benchmark scope \(p.index)"], strategicObjectives: ["SO-\(p.index % 3 + 1)"],
            scope: ProjectScope(inScope: ["Work packages 1 to 4"], outOfScope: ["Anything else"]),
            deliverables: [Deliverable(deliverableId: "D-1", name: "The product"), Deliverable(deliverableId: "D-2", name: "The handover")],
            budgetCeiling: Money((p.budget * 1.1).roundedToCents, Self.currency), targetStart: p.start, targetFinish: finish,
            sponsor: p.sponsor, projectManager: p.projectManager, priority: p.priority,
            classification: p.budget >= 2_000_000 ? .complex : .standard,
            departmentsInvolved: ["technical", "business"])
    }

    func baseline(_ p: Profile) -> ProjectBaselined {
        let ends = Self.quarterEnds(start: p.start, durationDays: p.durationDays)
        let values = Self.workPackageValues(p.budget)
        var workPackages: [WorkPackage] = []
        var milestones: [Milestone] = []
        var assignments: [ResourceAssignment] = []
        for q in 0..<4 {
            let wpStart = q == 0 ? p.start : ends[q - 1].adding(days: 1)!
            milestones.append(Milestone(milestoneId: "MS-\(q + 1)", name: "Quarter \(q + 1) done", plannedDate: ends[q]))
            workPackages.append(WorkPackage(workPackageId: "WP-\(q + 1)", name: "Work package \(q + 1)", owner: p.projectManager,
                                            plannedStart: wpStart, plannedFinish: ends[q],
                                            plannedValue: Money(values[q], Self.currency), milestoneId: "MS-\(q + 1)",
                                            predecessors: []))
            assignments.append(ResourceAssignment(resourceId: p.resources[q % 2], workPackageId: "WP-\(q + 1)",
                                                  hours: Double(p.durationDays / 4 / 7 * 16)))
        }
        return ProjectBaselined(
            projectId: p.projectId, baselineRevision: 1, planRevision: 1, baselinedAt: p.start.instant(daysBefore: 7, hour: 10),
            policyVersion: policy.version, projectManager: p.projectManager,
            baseline: PlanBaseline(milestones: milestones, workPackages: workPackages, plannedValueCurve: p.curve,
                                   budgetAtCompletion: Money(p.budget, Self.currency), resourceAssignments: assignments),
            statusReportCadenceDays: 7)
    }

    /// The report of week `week` (1-based: the week's seven days from the plan's start on).
    func report(_ p: Profile, week: Int) -> StatusReported {
        var random = SplitMix64(seed: seed ^ (UInt64(p.index) << 32) ^ UInt64(week) &* 0xD1B5_4A32_D192_ED03)
        let periodStart = p.start.adding(days: 7 * (week - 1))!
        let periodEnd = periodStart.adding(days: 6)!
        let budget = NSDecimalNumber(decimal: p.budget).doubleValue
        let pv = plannedValue(p, at: periodEnd)
        let angle = Double(week) / p.periodWeeks * 2 * .pi + p.phase
        let spi = p.spiBase + p.spiAmplitude * sin(angle) + random.double(-0.01...0.01)
        let cpi = p.cpiBase + p.cpiAmplitude * cos(angle) + random.double(-0.01...0.01)
        let earned = min(budget, max(0, pv * spi))
        let actual = max(0, earned / max(0.5, cpi))
        let percent = (earned / budget * 1000).rounded() / 10
        // Half the reports give the earned value, the others the percent complete.
        let givesEarnedValue = (p.index + week) % 2 == 0
        let delayDays = Int((1 / max(0.5, spi) - 1) * Double(p.durationDays))
        let forecastFinish = p.start.adding(days: p.durationDays - 1 + max(-30, delayDays))!
        var milestones: [MilestoneReached] = []
        for (q, end) in Self.quarterEnds(start: p.start, durationDays: p.durationDays).enumerated()
        where end >= periodStart && end <= periodEnd && spi >= 0.95 {
            milestones.append(MilestoneReached(milestoneId: "MS-\(q + 1)", reachedOn: end))
        }
        var risks: [Risk] = []
        for r in 0..<random.int(1...3) {
            let probability = Double(random.int(1...6)) / 10
            risks.append(Risk(riskId: "R-\(r + 1)", description: "Benchmark risk \(r + 1)", probability: probability,
                              impact: random.int(1...4), owner: p.projectManager,
                              status: [RiskStatus.open, .mitigating, .open, .closed][random.int(0...3)], crossDepartment: false))
        }
        if let from = p.majorRiskFromWeek, week >= from, week < from + 12 {
            risks.append(Risk(riskId: "R-9", description: "Key supplier may fail", probability: 0.8, impact: 4,
                              owner: p.projectManager, status: .open, crossDepartment: true,
                              departmentsInvolved: ["technical", "legal"], response: "Qualify a second supplier"))
        }
        var issues: [ProjectIssue] = []
        if random.int(0...9) == 0 {
            issues.append(ProjectIssue(issueId: "I-\(week)", description: "Benchmark issue of week \(week)", severity: random.int(1...3),
                                       departmentsInvolved: ["technical"], needsDecision: false, owner: p.projectManager))
        }
        let defects = random.int(0...9) + (cpi < 0.9 ? random.int(0...15) : 0)
        return StatusReported(
            projectId: p.projectId, reportedAt: periodEnd.instant(daysBefore: -2, hour: 8), reportedBy: p.projectManager,
            baselineRevision: 1, periodStart: periodStart, periodEnd: periodEnd,
            percentComplete: givesEarnedValue ? nil : percent,
            earnedValue: givesEarnedValue ? Money(Decimal(earned).roundedToCents, Self.currency) : nil,
            actualCost: Money(Decimal(actual).roundedToCents, Self.currency), forecastFinish: forecastFinish,
            milestonesReached: milestones,
            quality: QualityStatus(defectsOpen: defects, defectsClosed: random.int(0...12), failedAcceptanceTests: random.int(0...9) == 0 ? random.int(1...4) : 0),
            risks: risks, issues: issues,
            resourceUsage: p.resources.map { ResourceUsage(resourceId: $0, hours: Double(random.int(8...40))) },
            final: false)
    }

    /// PV at the end of `date` (docs/monitoring.md section 3), as a double: only used to shape the
    /// generated earned value, never as a measured figure.
    func plannedValue(_ p: Profile, at date: CalendarDate) -> Double {
        let t = Double(p.start.days(until: date) + 1)
        guard t > 0 else { return 0 }
        var previousT = 0.0
        var previousV = 0.0
        for point in p.curve {
            let pointT = Double(p.start.days(until: point.date) + 1)
            let value = NSDecimalNumber(decimal: point.cumulativePlannedValue.amount).doubleValue
            if t <= pointT { return previousV + (value - previousV) * (t - previousT) / (pointT - previousT) }
            previousT = pointT
            previousV = value
        }
        return previousV
    }
}

struct WorkloadError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// SplitMix64: a small, fast, seedable generator (the same numbers on every platform).
struct SplitMix64: Sendable {
    private var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform double in `range`.
    mutating func double(_ range: ClosedRange<Double>) -> Double {
        range.lowerBound + Double(next() >> 11) / Double(1 << 53) * (range.upperBound - range.lowerBound)
    }

    /// A uniform integer in `range`.
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.upperBound - range.lowerBound + 1))
    }
}

extension Decimal {
    /// Rounded to cents, halves away from zero.
    var roundedToCents: Decimal {
        var value = self
        var result = Decimal()
        NSDecimalRound(&result, &value, 2, .plain)
        return result
    }
}

extension CalendarDate {
    /// `hour`:00 UTC of the day `days` days before this one (after it when negative).
    func instant(daysBefore days: Int, hour: Int) -> Date {
        let day = adding(days: -days)!
        return RFC3339.parse("\(day)T\(hour < 10 ? "0" : "")\(hour):00:00Z")!
    }
}
