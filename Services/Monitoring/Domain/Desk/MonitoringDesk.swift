import Foundation
import PMOModel
import ServiceRuntime

/// Monitoring for one project, as pure functions from (state, input, reference data, now) to
/// (new state, events): the health of every status report against its baseline, the variance,
/// adverse-trend and overdue-report alerts, the major-risk and cross-department-issue
/// escalations, and the project's portfolio register entry.
///
/// Inputs that arrive before both a policy and a roster are published wait in the state (in
/// arrival order) and are processed once both are known (``InputDesk``); monitoring refuses
/// nothing, so nothing is ever dropped: a report of a project without a baseline is recorded
/// with a `no-baseline` health.
public struct MonitoringDesk: InputDesk {
    /// Waiting inputs are kept however long the policy takes (monitoring refuses nothing).
    public var holding: InputHolding

    /// A desk.
    public init(holding: InputHolding = InputHolding(period: InputHolding.defaultPeriod, limit: InputHolding.defaultLimit,
                                                     service: "monitoring")) {
        self.holding = holding
    }

    /// The new state and what to emit.
    public struct Step: Sendable {
        /// The project's state after the step.
        public var state: ProjectMonitoring
        /// The events to emit, in order.
        public var emissions: [Emission]
    }

    /// Processes one input for its project.
    public func receive(_ input: MonitoringInput, state: consuming ProjectMonitoring?, reference: ReferenceData, now: Date) -> Step {
        var project = (consume state) ?? ProjectMonitoring(projectId: input.projectId)
        let emissions = receive(input, project: &project, reference: reference, now: now)
        return Step(state: project, emissions: emissions)
    }

    /// Processes one input for its project, changing `project` in place; the events to emit,
    /// in order.
    public func receive(_ input: MonitoringInput, project: inout ProjectMonitoring, reference: ReferenceData,
                        now: Date) -> [Emission] {
        admit(input, into: &project, reference: reference, now: now).map { Emission($0) }
    }

    /// Time-driven work for one project: waiting inputs once the reference data is known, and an
    /// overdue alert for each status report due date missed (with the register entry that shows it).
    public func tick(state: ProjectMonitoring, reference: ReferenceData, now: Date) -> Step {
        var project = state
        let (replayed, ready) = tickKept(&project, reference: reference, now: now)
        var emissions = replayed.map { Emission($0) }
        guard let (policy, roster) = ready else { return Step(state: project, emissions: emissions) }
        emissions += overdueAlerts(&project, policy: policy, roster: roster, now: now)
        return Step(state: project, emissions: emissions)
    }

    /// Decides `input` for its project: never early, every input is applied as it comes.
    public func process(_ input: MonitoringInput, _ project: inout ProjectMonitoring, policy: PolicyPublished,
                        roster: RosterPublished, reference: ReferenceData, now: Date) -> KeptInputDisposition<any PMOEvent> {
        var events: [any PMOEvent] = []
        switch input {
        case .charter(let charter):
            if project.charter == nil { project.charter = charter.facts }
        case .baseline(let baselined):
            project.baselines.record(BaselineHistory.Revision(
                revision: baselined.baselineRevision, effectiveFrom: nil, baseline: baselined.baseline,
                statusReportCadenceDays: baselined.statusReportCadenceDays, projectManager: baselined.projectManager))
            events = StatusReportMeasurement.measureUnmeasured(&project, policy: policy, roster: roster, now: now)
        case .rebaseline(let rebaselined):
            let cadence = project.baselines.latest?.statusReportCadenceDays
            project.baselines.record(BaselineHistory.Revision(
                revision: rebaselined.baselineRevision, effectiveFrom: CalendarDate(utcDayOf: rebaselined.rebaselinedAt),
                baseline: rebaselined.baseline, statusReportCadenceDays: cadence, projectManager: project.projectManager))
            events = StatusReportMeasurement.measureUnmeasured(&project, policy: policy, roster: roster, now: now)
        case .statusReport(let report, _):
            events = StatusReportMeasurement.receive(report, &project, policy: policy, roster: roster, now: now)
        case .intakeDecision(let decision) where decision.outcome == .rejected:
            project.rejected = true
            _ = project.cycleTimes.apply(input)
        case .intakeDecision(let decision) where decision.outcome == .withdrawn:
            project.withdrawn = true
        case .intakeDecision(let decision) where decision.appealVerdict == .grant:
            // The PMO head lifted the rejection: the proposal is back with its sponsor.
            project.rejected = false
            _ = project.cycleTimes.apply(input)
        case .planDecision(let decision) where decision.outcome == .rejected:
            project.rejected = true
            _ = project.cycleTimes.apply(input)
        case .intakeAssessment, .intakeDecision, .planReview, .planDecision, .changeAssessment, .changeDecision:
            _ = project.cycleTimes.apply(input)
        }
        events += PortfolioRegisterEntry.update(&project, policy: policy, now: now).map { [$0] } ?? []
        return .done(events)
    }

    /// Monitoring refuses nothing: inputs wait for the reference data however long it takes.
    public func refusal(of input: MonitoringInput, reason: String, policyVersion: Int, at now: Date) -> (any PMOEvent)? {
        nil
    }

    /// The overdue alerts due at `now`, each with an id naming the project and the due date so
    /// that a repeated tick cannot emit one twice, then the register entry that shows them.
    func overdueAlerts(_ project: inout ProjectMonitoring, policy: PolicyPublished, roster: RosterPublished,
                       now: Date) -> [Emission] {
        guard !project.closed, !project.rejected, let schedule = ReportingSchedule(project, policy: policy),
              let projectManager = project.projectManager else { return [] }
        let raised = project.overdue.tick(
            project: project.projectId, anchor: schedule.anchor, cadenceDays: schedule.cadenceDays,
            today: CalendarDate(utcDayOf: now), at: now, policy: policy, projectManager: projectManager,
            numbering: &project.numbering)
        guard let last = raised.last else { return [] }
        var emissions = raised.map { Emission($0, id: "overdue/\(project.projectId)/\($0.alertId)") }
        if let entry = PortfolioRegisterEntry.update(&project, policy: policy, now: now) {
            emissions.append(Emission(entry, id: "register/\(project.projectId)/after-\(last.alertId)"))
        }
        return emissions
    }
}
