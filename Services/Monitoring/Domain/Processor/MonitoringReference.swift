import PMOModel

/// What every monitoring instance reads in full: the policy and the roster, and the priority of
/// every chartered project (a resource conflict is resolved by the priorities of projects that
/// may be keyed to other instances, so the charters are read as a table).
public struct MonitoringReference: Sendable, Equatable {
    /// The policy and roster.
    public var data = ReferenceData()
    /// Each chartered project's priority.
    public var priorities: [String: Priority] = [:]

    /// Nothing read yet.
    public init(data: ReferenceData = ReferenceData(), priorities: [String: Priority] = [:]) {
        self.data = data
        self.priorities = priorities
    }

    /// Folds a reference event in; other event types are ignored.
    public mutating func apply(_ event: any PMOEvent) {
        if let charter = event as? ProjectChartered {
            priorities[charter.projectId] = charter.priority
        } else {
            data.apply(event)
        }
    }
}
