import Foundation
import PMOModel

/// The variance-alert lifecycle of one project: for each of schedule and cost variance, clear,
/// alert raised, or alert escalated. A plain state machine: ``receive(_:asOf:at:policy:projectManager:pmo:)``
/// is its only transition and returns the events to publish; no I/O.
///
/// Per dimension (schedule, cost), with "breach" meaning ``VarianceCheck/breaches``:
///
/// | state | breach | within bounds |
/// |---|---|---|
/// | clear | raise `AL-n` → raised | nothing |
/// | raised | escalate `ES-m` (both measurements) → escalated | close → clear |
/// | escalated | nothing | close, resolve → clear |
///
/// - Alert and escalation numbers count up per project from 1 and are never reused, not even
///   after an alert closes (``nextAlertNumber``, ``nextEscalationNumber``).
/// - The corrective action is due `asOf + correctiveActionDays` (the report's status date plus
///   the policy's days).
/// - A report older than the latest received (an earlier `asOf`) changes nothing and returns no
///   actions; the service records it elsewhere.
/// - A corrected report (the same `asOf` as the latest) is evaluated against the current state
///   like any report, except that its breach is not a *next* report: it raises an alert when the
///   dimension is clear, and otherwise adds nothing (no escalation). Within bounds it closes the
///   open alert, including one raised or escalated by the report it corrects. A correction cannot
///   reopen an alert the corrected report closed: that alert's closing was published, so a breach
///   in the correction raises a new alert (a new id).
public struct VarianceAlerts: Codable, Sendable, Equatable {
    /// Where one variance stands.
    public enum State: Codable, Sendable, Equatable {
        /// No open alert.
        case clear
        /// An alert is open: corrective action required from the PM.
        case raised(AlertRaised)
        /// The alert is open and escalated to the PMO.
        case escalated(AlertRaised, EscalationRaised)

        /// The open alert, if any.
        public var alert: AlertRaised? {
            switch self {
            case .clear: nil
            case .raised(let alert), .escalated(let alert, _): alert
            }
        }
    }

    /// The project.
    public var projectId: String
    /// The schedule variance's state.
    public var schedule: State
    /// The cost variance's state.
    public var cost: State
    /// The number of the next alert (`AL-<n>`), from 1.
    public var nextAlertNumber: Int
    /// The number of the next escalation (`ES-<n>`), from 1.
    public var nextEscalationNumber: Int
    /// The status date of the latest report received, `nil` before the first.
    public var latestAsOf: CalendarDate?

    /// A project with no alert yet.
    public init(projectId: String, schedule: State = .clear, cost: State = .clear, nextAlertNumber: Int = 1,
                nextEscalationNumber: Int = 1, latestAsOf: CalendarDate? = nil) {
        self.projectId = projectId
        self.schedule = schedule
        self.cost = cost
        self.nextAlertNumber = nextAlertNumber
        self.nextEscalationNumber = nextEscalationNumber
        self.latestAsOf = latestAsOf
    }

    /// Evaluates one report's checks (its status date `asOf`, evaluated at `at` under `policy`),
    /// schedule first, then cost, and returns the events to publish. Alerts are assigned to
    /// `projectManager`; escalations go to `pmo`, read only when one is raised (duplicates
    /// dropped, order kept; it must name someone for the escalation to validate).
    public mutating func receive(_ checks: VarianceChecks, asOf: CalendarDate, at: Date, policy: PolicyPublished,
                                 projectManager: String, pmo: @autoclosure @escaping () -> [String]) -> [VarianceAlertAction] {
        if let latestAsOf, asOf < latestAsOf { return [] }
        let correction = latestAsOf == asOf
        latestAsOf = asOf
        let context = Context(projectId: projectId, asOf: asOf, at: at, policyVersion: policy.version,
                              correctiveActionDays: policy.monitoring.correctiveActionDays, currency: checks.currency,
                              projectManager: projectManager, pmo: pmo, correction: correction)
        // Each dimension's state is changed where it is: copied out and back, its open alert and
        // escalation (a dozen texts) were retained and released for every report.
        var numbers = Numbers(alert: nextAlertNumber, escalation: nextEscalationNumber)
        defer { (nextAlertNumber, nextEscalationNumber) = (numbers.alert, numbers.escalation) }
        var actions = Self.step(&schedule, .scheduleVariance, checks.schedule, context, numbers: &numbers)
        actions += Self.step(&cost, .costVariance, checks.cost, context, numbers: &numbers)
        return actions
    }

    /// The numbers of the next alert and the next escalation.
    private struct Numbers {
        var alert: Int
        var escalation: Int
    }

    private struct Context {
        var projectId: String
        var asOf: CalendarDate
        var at: Date
        /// The two things the events need of the policy (the whole policy was copied per report).
        var policyVersion: Int
        var correctiveActionDays: Int
        var currency: String
        var projectManager: String
        /// Read only when an escalation is raised.
        var pmo: () -> [String]
        var correction: Bool
    }

    private static func step(_ state: inout State, _ kind: AlertKind, _ check: VarianceCheck,
                             _ context: Context, numbers: inout Numbers) -> [VarianceAlertAction] {
        let breaches = check.breaches
        switch state {
        case .clear:
            guard breaches else { return [] }
            let alert = raise(kind, check, VarianceText(kind: kind, check: check, currency: context.currency), context,
                              number: &numbers.alert)
            state = .raised(alert)
            return [.raise(alert)]
        case .raised:
            // The payload is bound only when something is done with it (binding copies it).
            guard !(breaches && context.correction), case .raised(let alert) = state else { return [] }
            let text = VarianceText(kind: kind, check: check, currency: context.currency)
            guard breaches else {
                state = .clear
                return [.close(close(alert, check, text, context))]
            }
            let escalation = escalate(alert, check, text, context, number: &numbers.escalation)
            state = .escalated(alert, escalation)
            return [.escalate(escalation)]
        case .escalated:
            guard !breaches, case .escalated(let alert, let escalation) = state else { return [] }
            let text = VarianceText(kind: kind, check: check, currency: context.currency)
            state = .clear
            return [.close(close(alert, check, text, context)), .resolve(resolve(escalation, text, context))]
        }
    }

    private static func raise(_ kind: AlertKind, _ check: VarianceCheck, _ text: VarianceText,
                              _ context: Context, number: inout Int) -> AlertRaised {
        defer { number += 1 }
        let dueOn = context.asOf.adding(days: context.correctiveActionDays) ?? context.asOf
        return AlertRaised(
            projectId: context.projectId, alertId: "AL-\(number)", kind: kind, severity: .warning,
            raisedAt: context.at, policyVersion: context.policyVersion,
            summary: "\(text.capitalisedName) \(text.measured) on \(context.asOf) exceeds the \(text.limits) threshold.",
            measure: VarianceAlerts.measure(check, dimension: kind),
            requiredAction: "Submit a corrective action plan that brings the \(text.name) back within the \(text.limits) threshold.",
            actionDueOn: dueOn, assignee: context.projectManager)
    }

    private static func escalate(_ alert: AlertRaised, _ check: VarianceCheck, _ text: VarianceText,
                                 _ context: Context, number: inout Int) -> EscalationRaised {
        defer { number += 1 }
        var people: [String] = []
        for person in context.pmo() where !people.contains(person) { people.append(person) }
        let measures = [alert.measure, VarianceAlerts.measure(check, dimension: alert.kind)].compactMap { $0 }
        let due = alert.actionDueOn.map { "; corrective action was due \($0)" } ?? ""
        return EscalationRaised(
            projectId: context.projectId, escalationId: "ES-\(number)", kind: .unresolvedVariance,
            subjectId: alert.alertId,
            description: "\(text.capitalisedName) \(text.measured) on \(context.asOf) still exceeds the \(text.limits) threshold at the next status report after alert \(alert.alertId) (\(alert.measure.map(VarianceAlerts.describe) ?? "measure unknown"))\(due).",
            raisedAt: context.at, policyVersion: context.policyVersion, departmentsToCoordinate: ["pmo"],
            escalateTo: people, alertId: alert.alertId, measures: measures)
    }

    private static func close(_ alert: AlertRaised, _ check: VarianceCheck, _ text: VarianceText,
                       _ context: Context) -> AlertClosed {
        AlertClosed(projectId: context.projectId, alertId: alert.alertId, kind: alert.kind, closedAt: context.at,
                    asOf: context.asOf, policyVersion: context.policyVersion,
                    reason: text.backWithin(asOf: context.asOf), measure: VarianceAlerts.measure(check, dimension: alert.kind))
    }

    private static func resolve(_ escalation: EscalationRaised, _ text: VarianceText, _ context: Context) -> EscalationResolved {
        EscalationResolved(projectId: context.projectId, escalationId: escalation.escalationId, kind: escalation.kind,
                           subjectId: escalation.subjectId, resolvedAt: context.at,
                           policyVersion: context.policyVersion, reason: text.backWithin(asOf: context.asOf))
    }

    /// The measurement of `check` for an event: the percentage when it breaches, or when nothing
    /// breaches and there is a percentage (`<dimension>-variance-percent`, against the percent
    /// limit); otherwise the amount (`<dimension>-variance-amount`, against the absolute limit);
    /// `nil` when neither can be stated (no percentage and the limit in another currency).
    /// Values and limits are rounded to whole numbers, halves away from zero.
    static func measure(_ check: VarianceCheck, dimension: AlertKind) -> AlertMeasure? {
        let prefix = dimension == .scheduleVariance ? "schedule-variance" : "cost-variance"
        let usePercent = check.breachesPercent || (!check.breachesAbsolute && check.percent != nil)
        if usePercent, let percent = check.percent {
            return AlertMeasure(metric: "\(prefix)-percent", value: whole(percent), threshold: whole(check.limitPercent))
        }
        guard let limit = check.absoluteLimit else { return nil }
        return AlertMeasure(metric: "\(prefix)-amount", value: whole(check.variance), threshold: whole(limit))
    }

    private static func whole(_ value: Decimal) -> Int {
        Int(value.rounded(0).digits) ?? 0
    }

    static func describe(_ measure: AlertMeasure) -> String {
        measure.metric.hasSuffix("-percent") ? "\(measure.value)%" : "\(measure.value)"
    }
}

/// The sentences of the variance events. Amounts are written with `Decimal.digits`, the very
/// text of `description` without Foundation's digit-by-digit conversion.
private struct VarianceText {
    var kind: AlertKind
    var check: VarianceCheck
    var currency: String

    var name: String { kind == .scheduleVariance ? "schedule variance" : "cost variance" }
    var capitalisedName: String { kind == .scheduleVariance ? "Schedule variance" : "Cost variance" }
    var base: String { kind == .scheduleVariance ? "planned value" : "earned value" }

    /// "-39000 EUR (-11.08% of earned value)", or without the percentage when there is none.
    var measured: String {
        let amount = "\(EventRounding.money(check.variance).digits) \(currency)"
        guard let percent = check.percent else { return "of \(amount) (no percentage of a zero \(base))" }
        return "of \(amount) (\(percent.rounded(2).digits)% of \(base))"
    }

    /// "10% and 50000 EUR", or the percentage alone when the amount is in another currency.
    var limits: String {
        guard let absolute = check.absoluteLimit else { return "\(check.limitPercent.digits)%" }
        return "\(check.limitPercent.digits)% and \(absolute.digits) \(currency)"
    }

    /// Why an alert closes or its escalation resolves.
    func backWithin(asOf: CalendarDate) -> String {
        "\(capitalisedName) \(measured) on \(asOf) is back within the \(limits) threshold."
    }
}
