import PMOModel

/// One problem the schedule-network check found, with the packages and figures concerned.
public enum ScheduleNetworkFinding: Sendable, Hashable {
    /// Packages that wait for each other in a circle, so none of them can start.
    case cycle(ScheduleCycle)
    /// A link to a package the plan does not list.
    case unknownPredecessor(UnknownPredecessor)
    /// A package planned to start before a predecessor's finish plus lag allows.
    case startsBeforePredecessor(PredecessorConflict)
    /// The computed critical path differs from the plan's declared one.
    case criticalPathMismatch(CriticalPathMismatch)
    /// The network's earliest finish is after the charter's target finish.
    case targetFinishMissed(TargetFinishMiss)
    /// Two or more packages share an identifier; links to it are ambiguous.
    case duplicatePackage(DuplicatePackage)
}

/// A circle of finish-to-start links.
public struct ScheduleCycle: Sendable, Hashable {
    /// The packages of one circle in link order: each is a predecessor of the next, and the last
    /// of the first. It starts at the circle's package listed first in the plan.
    public var packageIds: [String]
    /// Every package caught in the same knot of circles (the strongly connected component), in
    /// plan order; equal to the circle's packages as a set unless several circles interlock.
    public var entangledPackageIds: [String]

    /// Creates the finding.
    public init(packageIds: [String], entangledPackageIds: [String]) {
        self.packageIds = packageIds
        self.entangledPackageIds = entangledPackageIds
    }
}

/// A package naming a predecessor the plan does not list.
public struct UnknownPredecessor: Sendable, Hashable {
    /// The package with the link.
    public var packageId: String
    /// The identifier it names as predecessor.
    public var predecessorId: String

    /// Creates the finding.
    public init(packageId: String, predecessorId: String) {
        self.packageId = packageId
        self.predecessorId = predecessorId
    }
}

/// A package whose planned start is earlier than one of its links allows.
public struct PredecessorConflict: Sendable, Hashable {
    /// The successor.
    public var packageId: String
    /// Its planned start.
    public var plannedStart: CalendarDate
    /// The predecessor.
    public var predecessorId: String
    /// The predecessor's planned finish.
    public var predecessorFinish: CalendarDate
    /// The link's lag in days.
    public var lagDays: Int
    /// The earliest start the link allows: the day after the predecessor's finish plus the lag.
    public var earliestAllowedStart: CalendarDate
    /// How many days too early the package starts (at least 1).
    public var daysEarly: Int

    /// Creates the finding.
    public init(packageId: String, plannedStart: CalendarDate, predecessorId: String, predecessorFinish: CalendarDate,
                lagDays: Int, earliestAllowedStart: CalendarDate, daysEarly: Int) {
        self.packageId = packageId
        self.plannedStart = plannedStart
        self.predecessorId = predecessorId
        self.predecessorFinish = predecessorFinish
        self.lagDays = lagDays
        self.earliestAllowedStart = earliestAllowedStart
        self.daysEarly = daysEarly
    }
}

/// Where the declared critical path and the computed one differ.
public struct CriticalPathMismatch: Sendable, Hashable {
    /// The plan's declared critical path, as given.
    public var declared: [String]
    /// The computed critical path (the packages with no total float, by early start).
    public var computed: [String]
    /// Critical packages the plan does not declare, by early start.
    public var undeclaredCritical: [PackageFloat]
    /// Declared packages that have float, with it, in declared order.
    public var declaredButNotCritical: [PackageFloat]
    /// Declared identifiers that name no package, in declared order.
    public var declaredUnknown: [String]

    /// Creates the finding.
    public init(declared: [String], computed: [String], undeclaredCritical: [PackageFloat],
                declaredButNotCritical: [PackageFloat], declaredUnknown: [String]) {
        self.declared = declared
        self.computed = computed
        self.undeclaredCritical = undeclaredCritical
        self.declaredButNotCritical = declaredButNotCritical
        self.declaredUnknown = declaredUnknown
    }
}

/// A package and its total float in days.
public struct PackageFloat: Sendable, Hashable {
    /// The package.
    public var packageId: String
    /// Its total float in days.
    public var totalFloatDays: Int

    /// Creates the pair.
    public init(_ packageId: String, totalFloatDays: Int) {
        self.packageId = packageId
        self.totalFloatDays = totalFloatDays
    }
}

/// The network finishes after the charter's target finish.
public struct TargetFinishMiss: Sendable, Hashable {
    /// The earliest finish of the network (the forward pass's last early finish).
    public var computedFinish: CalendarDate
    /// The charter's target finish.
    public var targetFinish: CalendarDate
    /// Days between the two (at least 1).
    public var daysLate: Int
    /// The critical path that drives the finish, by early start.
    public var criticalPath: [String]

    /// Creates the finding.
    public init(computedFinish: CalendarDate, targetFinish: CalendarDate, daysLate: Int, criticalPath: [String]) {
        self.computedFinish = computedFinish
        self.targetFinish = targetFinish
        self.daysLate = daysLate
        self.criticalPath = criticalPath
    }
}

/// An identifier used by more than one package.
public struct DuplicatePackage: Sendable, Hashable {
    /// The identifier.
    public var packageId: String
    /// How many packages carry it.
    public var count: Int

    /// Creates the finding.
    public init(packageId: String, count: Int) {
        self.packageId = packageId
        self.count = count
    }
}
