import PMOModel

/// What a status report's variance checks lead to: the events to publish, in order.
public enum VarianceAlertAction: Sendable, Equatable {
    /// A variance breaches for the first time: an alert requiring corrective action from the PM.
    case raise(AlertRaised)
    /// The next report still breaches: the alert is escalated to the PMO with both measurements.
    case escalate(EscalationRaised)
    /// A report back within bounds: the alert is closed.
    case close(AlertClosed)
    /// A report back within bounds: the escalation of the closed alert is resolved.
    case resolve(EscalationResolved)
}
