import PMOModel

/// The schedule-network check of the plan review: the check a scheduling tool does and a PMO
/// review usually skips.
///
/// Given the work packages with their finish-to-start links it reports
/// - identifiers used twice (the network is then not computed: links to them are ambiguous),
/// - circles of links, naming the packages in each (the network is then not computed),
/// - links to packages the plan does not list (the link is then left out of the network),
/// - packages planned to start before a predecessor's finish plus lag,
///
/// and computes the critical path method's schedule: a forward pass from the project start (the
/// earliest planned start) gives each package's early start and finish, a backward pass from the
/// network's earliest finish gives its late start and finish, and their difference is its total
/// float. A package without predecessors may start at the project start; its planned start
/// matters only for the comparison with its predecessors. Packages with no float form the critical
/// path, which is compared with the plan's declared one; the network's earliest finish is compared
/// with the charter's target finish.
///
/// Days are calendar days and dates inclusive (see ``ScheduleActivity``).
public enum ScheduleNetwork {
    /// Reviews `activities`. `declaredCriticalPath` is the plan's critical path (`nil` or empty:
    /// not declared, so not compared); `targetFinish` is the charter's target finish (`nil`: not
    /// compared). Findings come in this order: duplicates, cycles, unknown predecessors, early
    /// starts (each in plan order), then the critical-path mismatch and the missed target.
    public static func review(_ activities: [ScheduleActivity], declaredCriticalPath: [String]? = nil,
                              targetFinish: CalendarDate? = nil) -> ScheduleNetworkReview {
        var findings: [ScheduleNetworkFinding] = []
        var index: [String: Int] = [:]
        var counts: [String: Int] = [:]
        for (position, activity) in activities.enumerated() {
            counts[activity.id, default: 0] += 1
            if index[activity.id] == nil { index[activity.id] = position }
        }
        var reportedDuplicates: Set<String> = []
        for activity in activities where counts[activity.id, default: 0] > 1 && reportedDuplicates.insert(activity.id).inserted {
            findings.append(.duplicatePackage(DuplicatePackage(packageId: activity.id, count: counts[activity.id, default: 0])))
        }

        // The links between listed packages, as positions: predecessors[s] holds (p, lag).
        var predecessors: [[(position: Int, lag: Int)]] = Array(repeating: [], count: activities.count)
        var successors: [[Int]] = Array(repeating: [], count: activities.count)
        var unknown: [ScheduleNetworkFinding] = []
        var early: [ScheduleNetworkFinding] = []
        for (position, activity) in activities.enumerated() {
            for link in activity.predecessors {
                guard let predecessor = index[link.predecessorId] else {
                    unknown.append(.unknownPredecessor(UnknownPredecessor(packageId: activity.id, predecessorId: link.predecessorId)))
                    continue
                }
                predecessors[position].append((predecessor, link.lagDays))
                if !successors[predecessor].contains(position) { successors[predecessor].append(position) }
                let finish = activities[predecessor].plannedFinish
                if let allowed = finish.adding(days: 1 + link.lagDays), activity.plannedStart < allowed {
                    early.append(.startsBeforePredecessor(PredecessorConflict(
                        packageId: activity.id, plannedStart: activity.plannedStart, predecessorId: link.predecessorId,
                        predecessorFinish: finish, lagDays: link.lagDays, earliestAllowedStart: allowed,
                        daysEarly: activity.plannedStart.days(until: allowed))))
                }
            }
        }
        let cycles = Cycles.find(successors: successors).map { cycle in
            ScheduleCycle(packageIds: cycle.path.map { activities[$0].id },
                          entangledPackageIds: cycle.component.map { activities[$0].id })
        }
        findings += cycles.map(ScheduleNetworkFinding.cycle) + unknown + early
        guard reportedDuplicates.isEmpty, cycles.isEmpty, !activities.isEmpty else {
            return ScheduleNetworkReview(findings: findings, schedule: nil)
        }

        let schedule = CriticalPathSchedule(activities, predecessors: predecessors, successors: successors)
        if let declared = declaredCriticalPath, !declared.isEmpty {
            let computed = Set(schedule.criticalPath)
            let byId = Dictionary(schedule.packages.map { ($0.packageId, $0) }, uniquingKeysWith: { first, _ in first })
            let undeclared = schedule.criticalPath.filter { !declared.contains($0) }
                .map { PackageFloat($0, totalFloatDays: 0) }
            let notCritical = declared.compactMap { id in
                byId[id].flatMap { computed.contains(id) ? nil : PackageFloat(id, totalFloatDays: $0.totalFloatDays) }
            }
            let unknownDeclared = declared.filter { byId[$0] == nil }
            if !undeclared.isEmpty || !notCritical.isEmpty || !unknownDeclared.isEmpty {
                findings.append(.criticalPathMismatch(CriticalPathMismatch(
                    declared: declared, computed: schedule.criticalPath, undeclaredCritical: undeclared,
                    declaredButNotCritical: notCritical, declaredUnknown: unknownDeclared)))
            }
        }
        if let targetFinish, schedule.projectFinish > targetFinish {
            findings.append(.targetFinishMissed(TargetFinishMiss(
                computedFinish: schedule.projectFinish, targetFinish: targetFinish,
                daysLate: targetFinish.days(until: schedule.projectFinish), criticalPath: schedule.criticalPath)))
        }
        return ScheduleNetworkReview(findings: findings, schedule: schedule)
    }
}

/// What ``ScheduleNetwork/review(_:declaredCriticalPath:targetFinish:)`` found.
public struct ScheduleNetworkReview: Sendable, Hashable {
    /// Every finding, in the order the review documents; empty when the network is sound.
    public var findings: [ScheduleNetworkFinding]
    /// The computed schedule; `nil` when there are no packages, or when duplicate identifiers or
    /// cycles make it impossible to compute.
    public var schedule: CriticalPathSchedule?

    /// Creates the result.
    public init(findings: [ScheduleNetworkFinding], schedule: CriticalPathSchedule?) {
        self.findings = findings
        self.schedule = schedule
    }
}

/// The critical path method's schedule of a network without cycles.
public struct CriticalPathSchedule: Sendable, Hashable {
    /// The earliest planned start of any package, where the forward pass begins.
    public var projectStart: CalendarDate
    /// The network's earliest finish: the latest early finish, where the backward pass begins.
    public var projectFinish: CalendarDate
    /// Every package's figures, in plan order.
    public var packages: [PackageSchedule]
    /// The packages with no total float, by early start (plan order among equals).
    public var criticalPath: [String]

    /// Creates a schedule from its figures.
    public init(projectStart: CalendarDate, projectFinish: CalendarDate, packages: [PackageSchedule], criticalPath: [String]) {
        self.projectStart = projectStart
        self.projectFinish = projectFinish
        self.packages = packages
        self.criticalPath = criticalPath
    }

    /// Runs the forward and the backward pass. `predecessors` and `successors` hold positions in
    /// `activities` and must form no cycle.
    init(_ activities: [ScheduleActivity], predecessors: [[(position: Int, lag: Int)]], successors: [[Int]]) {
        let start = activities.map(\.plannedStart).min()!
        let durations = activities.map(\.durationDays)
        let order = Cycles.topologicalOrder(successors: successors)
        // Day offsets from the project start; a finish offset is the day after the last day of work.
        var earlyStart = Array(repeating: 0, count: activities.count)
        var earlyFinish = Array(repeating: 0, count: activities.count)
        for position in order {
            earlyStart[position] = predecessors[position].map { earlyFinish[$0.position] + $0.lag }.max().map { max($0, 0) } ?? 0
            earlyFinish[position] = earlyStart[position] + durations[position]
        }
        let finish = earlyFinish.max() ?? 0
        var lateStart = Array(repeating: 0, count: activities.count)
        var lateFinish = Array(repeating: 0, count: activities.count)
        for position in order.reversed() {
            lateFinish[position] = successors[position].flatMap { successor in
                predecessors[successor].filter { $0.position == position }.map { lateStart[successor] - $0.lag }
            }.min().map { min($0, finish) } ?? finish
            lateStart[position] = lateFinish[position] - durations[position]
        }
        func date(_ offset: Int) -> CalendarDate { start.adding(days: offset) ?? start }
        packages = activities.indices.map { position in
            PackageSchedule(packageId: activities[position].id, durationDays: durations[position],
                            earlyStart: date(earlyStart[position]), earlyFinish: date(earlyFinish[position] - 1),
                            lateStart: date(lateStart[position]), lateFinish: date(lateFinish[position] - 1),
                            totalFloatDays: lateStart[position] - earlyStart[position])
        }
        criticalPath = activities.indices.filter { lateStart[$0] == earlyStart[$0] }
            .sorted { (earlyStart[$0], $0) < (earlyStart[$1], $1) }
            .map { activities[$0].id }
        projectStart = start
        projectFinish = date(finish - 1)
    }
}

/// One package's figures in the critical path method's schedule (dates inclusive).
public struct PackageSchedule: Sendable, Hashable {
    /// The package.
    public var packageId: String
    /// Its duration in days.
    public var durationDays: Int
    /// The earliest day it can start, from the forward pass.
    public var earlyStart: CalendarDate
    /// The earliest day it can finish.
    public var earlyFinish: CalendarDate
    /// The latest day it can start without delaying the network's finish, from the backward pass.
    public var lateStart: CalendarDate
    /// The latest day it can finish without delaying the network's finish.
    public var lateFinish: CalendarDate
    /// Late start minus early start in days: 0 on the critical path.
    public var totalFloatDays: Int

    /// Creates the figures.
    public init(packageId: String, durationDays: Int, earlyStart: CalendarDate, earlyFinish: CalendarDate,
                lateStart: CalendarDate, lateFinish: CalendarDate, totalFloatDays: Int) {
        self.packageId = packageId
        self.durationDays = durationDays
        self.earlyStart = earlyStart
        self.earlyFinish = earlyFinish
        self.lateStart = lateStart
        self.lateFinish = lateFinish
        self.totalFloatDays = totalFloatDays
    }
}
