import Foundation
import PMOModel
import ServiceRuntime

/// Change control for one project, as pure functions from (case, input, reference data, now) to
/// (new case, events): the assessment of a request against the baseline in force (completeness,
/// measured against claimed impact, the PM's cumulative tolerance), the decision by the PM, the
/// CCB or, after an escalation, the sponsor, the re-baseline an approval sets, reminders for
/// overdue votes, the final deadline, and a refusal with a reason for every input that does not fit.
///
/// Inputs that arrive before both a policy and a roster are published wait in the case; inputs
/// that arrive before what they refer to (a request before the project's baseline, a vote before
/// its request revision) are held. Both are bounded by ``InputHolding``. Every emission carries
/// the id of what it means (``ChangeEventIdentity``).
public struct ChangeDesk: InputDesk {
    /// How long and how many early inputs are kept per project.
    public var holding: InputHolding

    /// A desk holding early inputs for `holdPeriod` seconds, at most `heldInputLimit` per project.
    public init(holdPeriod: TimeInterval = InputHolding.defaultPeriod, heldInputLimit: Int = InputHolding.defaultLimit) {
        holding = InputHolding(period: holdPeriod, limit: heldInputLimit, service: "change control")
    }

    /// The new case and what to emit.
    public struct Step: Sendable {
        /// The project's case after the step.
        public var state: ChangeCase
        /// The events to emit, in order, each with the id of what it means.
        public var emissions: [Emission]
    }

    /// What processing an input came to: done with its events, or early with the reason.
    public typealias Disposition = KeptInputDisposition<any PMOEvent>

    /// Processes one input for its project.
    public func receive(_ input: ChangeInput, state: ChangeCase?, reference: ReferenceData, now: Date) -> Step {
        var changeCase = state ?? ChangeCase(projectId: input.projectId)
        let events = admit(input, into: &changeCase, reference: reference, now: now)
        return step(changeCase, events)
    }

    /// Time-driven work for one project: waiting inputs once the reference data is known, held and
    /// waiting inputs whose hold period is over, CCB votes past their final deadline, and a
    /// reminder for each open request whose vote has waited one more reminder period.
    public func tick(state: ChangeCase, reference: ReferenceData, now: Date) -> Step {
        var changeCase = state
        var (events, ready) = tickKept(&changeCase, reference: reference, now: now)
        guard let (policy, roster) = ready else { return step(changeCase, events) }
        for request in changeCase.openRequests {
            events += settlePastDeadline(request.changeRequestId, in: &changeCase, policy: policy, roster: roster, now: now)
            guard var open = changeCase.requests[request.changeRequestId], open.phase.isOpen else { continue }
            if let reminder = ChangeVoteReminders.due(open, pendingVoters: pendingVoters(open, in: changeCase, roster: roster),
                                                      policy: policy, at: now) {
                open.remindersIssued = reminder.reminder
                changeCase.requests[request.changeRequestId] = open
                events.append(reminder)
            }
        }
        return step(changeCase, events)
    }

    /// Who has not voted on `request` yet: the PM, the CCB members other than the requester, or
    /// the sponsor.
    func pendingVoters(_ request: ChangeRequestCase, in changeCase: ChangeCase, roster: RosterPublished) -> [String] {
        switch request.phase {
        case .awaitingProjectManager: changeCase.projectManager.map { [$0] } ?? []
        case .awaitingBoard(let board): board.pendingVoters(on: roster)
        case .awaitingSponsor: changeCase.charter.map { [$0.sponsor] } ?? []
        default: []
        }
    }

    private func step(_ changeCase: ChangeCase, _ events: [any PMOEvent]) -> Step {
        Step(state: changeCase, emissions: events.map { Emission($0, id: ChangeEventIdentity.id(of: $0)) })
    }

    /// Decides `input` for its project, or says it is early.
    public func process(_ input: ChangeInput, _ changeCase: inout ChangeCase, policy: PolicyPublished,
                        roster: RosterPublished, reference: ReferenceData, now: Date) -> Disposition {
        switch input {
        case .charter(let charter, _):
            if changeCase.charter == nil {
                changeCase.charter = CharterRoles(projectManager: charter.projectManager, sponsor: charter.sponsor)
            }
            return .done([])
        case .baselined(let baselined, _):
            // Planning baselines a project once; a copy changes nothing.
            guard changeCase.baseline == nil else { return .done([]) }
            changeCase.baseline = BaselineInForce(revision: baselined.baselineRevision, baseline: baselined.baseline,
                                                  projectManager: baselined.projectManager)
            changeCase.toleranceReference = ToleranceReference(baselined.baseline, revision: baselined.baselineRevision)
            return .done([])
        case .rebaselined(let rebaselined, _):
            return .done(adopt(rebaselined, &changeCase, policy: policy, now: now))
        case .request(let request, let origin):
            return submit(request, origin: origin, &changeCase, policy: policy, roster: roster, now: now)
        case .vote(let vote, let origin):
            return consider(vote, origin: origin, &changeCase, roster: roster, policy: policy, now: now)
        }
    }

    /// The refusal of `input` with `reason`; charters and baselines are never refused (they only
    /// ever complete the case), so they have none.
    public func refusal(of input: ChangeInput, reason: String, policyVersion: Int, at now: Date) -> (any PMOEvent)? {
        switch input {
        case .charter, .baselined, .rebaselined:
            nil
        case .request(let request, let origin):
            ChangeDecisions.refusal(of: origin, project: request.projectId, changeRequestId: request.changeRequestId,
                                    revision: request.revision, submittedBy: request.requester, reason: reason,
                                    policyVersion: policyVersion, at: now)
        case .vote(let vote, let origin):
            ChangeDecisions.refusal(of: origin, project: vote.projectId, changeRequestId: vote.changeRequestId,
                                    revision: vote.changeRequestRevision, submittedBy: vote.voter, reason: reason,
                                    policyVersion: policyVersion, at: now)
        }
    }
}
