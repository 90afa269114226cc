import PMOModel

/// What a change to a resource's allocations leads to, month by month in date order.
public enum ResourceConflictAction: Sendable, Equatable {
    /// A month newly over capacity, or an open conflict whose figures changed (the allocations,
    /// their hours or priorities, the capacity or the resolution): publish the event.
    case conflict(ResourceConflictDetected)
    /// A month back within capacity: the open conflict it clears. There is no contract for a
    /// "conflict resolved" event yet, so nothing is published for it; the service may log it.
    case resolved(CalendarMonth, clears: ResourceConflictDetected)
}
