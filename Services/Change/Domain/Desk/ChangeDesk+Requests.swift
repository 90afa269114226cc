import Foundation
import PMOModel
import ServiceRuntime

extension ChangeDesk {
    /// A change request revision: admitted against the baseline in force and the request's
    /// history, checked for completeness, measured and routed to the PM or the CCB.
    func submit(_ request: ChangeRequestSubmitted, origin: InputOrigin, _ changeCase: inout ChangeCase,
                policy: PolicyPublished, roster: RosterPublished, now: Date) -> Disposition {
        func refuse(_ reason: String) -> Disposition {
            .done([refusal(of: .request(request, origin), reason: reason, policyVersion: policy.version, at: now)].compactMap { $0 })
        }
        let id = request.changeRequestId
        guard let baseline = changeCase.baseline else {
            return .early(reason: "\(request.projectId) is unknown to change control or not baselined yet; a change request is assessed against the baseline in force")
        }
        if let existing = changeCase.requests[id] {
            if existing.phase.isFinal {
                return refuse("\(id) was \(existing.phase.description) at revision \(existing.revision); it takes no more revisions")
            }
            if existing.phase.isOpen {
                return refuse(request.revision == existing.revision
                    ? "a second open request with id \(id): revision \(existing.revision) is \(existing.phase.description)"
                    : "revision \(existing.revision) of \(id) is \(existing.phase.description); a new revision follows a return for revision")
            }
            if request.revision != existing.revision + 1 {
                return refuse("\(id) was returned for revision at revision \(existing.revision); the next revision is \(existing.revision + 1), not \(request.revision)")
            }
        } else if request.revision != 1 {
            return refuse("\(id) is not known for \(request.projectId); a new change request starts at revision 1, not \(request.revision)")
        }
        if request.baselineRevision != baseline.revision {
            return refuse(request.baselineRevision < baseline.revision
                ? "revision \(request.revision) of \(id) is against baseline revision \(request.baselineRevision), which is stale: revision \(baseline.revision) is in force; resubmit against it"
                : "revision \(request.revision) of \(id) is against baseline revision \(request.baselineRevision), which does not exist: revision \(baseline.revision) is in force")
        }
        let control = policy.changeControl
        let missing = ChangeRequestCompleteness.missing(in: request, baseline: baseline, policy: control)
        if !missing.isEmpty {
            changeCase.requests[id] = ChangeRequestCase(request: request, phase: .returnedForRevision)
            return .done([ChangeDecisions.system(
                request, outcome: .returnedForRevision,
                reasons: ["the change request is incomplete; it is returned with what is missing"] + missing,
                policyVersion: policy.version, at: now)])
        }
        let proposed = ProposedBaseline(applying: request.proposedBaselineChanges, to: baseline.baseline)
        let measured = ImpactMeasurement.measure(request, proposed: proposed, current: baseline.baseline)
        let findings = ClaimedImpactCheck.findings(claimed: request.impact, measured: measured, margin: control.claimMargin,
                                                   addedWorkPackages: proposed.addedWorkPackages)
        let reference = changeCase.toleranceReference ?? ToleranceReference(baseline.baseline, revision: baseline.revision)
        let (route, reasons) = ToleranceRouting.route(measured: measured, reference: reference, priorApprovals: changeCase.priorApprovals,
                                                      findings: findings, tolerance: control.pmTolerance)
        let phase: ChangeRequestPhase
        let deciders: [String]
        var finalDeadline: Date?
        switch route {
        case .changeControlBoard:
            finalDeadline = control.finalDeadlineDays.map { now.addingTimeInterval(Double($0) * 86_400) }
            let board = BoardVote(revision: request.revision, requester: request.requester, quorum: control.ccbQuorum,
                                  majority: control.ccbMajority, voteChange: control.voteChange ?? .replace,
                                  openedAt: now, finalDeadline: finalDeadline)
            phase = .awaitingBoard(board)
            deciders = board.eligibleVoters(on: roster)
        case .projectManager, .sponsor:
            phase = .awaitingProjectManager(since: now)
            deciders = changeCase.projectManager.map { [$0] } ?? []
        }
        let assessment = ChangeAssessmentCompleted(
            projectId: request.projectId, changeRequestId: id, changeRequestRevision: request.revision,
            baselineRevision: baseline.revision, assessedAt: now, policyVersion: policy.version, route: route,
            reasons: reasons, impactSummary: measured, claimedImpact: request.impact, findings: findings,
            priorApprovals: changeCase.priorApprovals, deciders: deciders, finalDeadline: finalDeadline)
        changeCase.requests[id] = ChangeRequestCase(request: request, assessment: assessment, phase: phase)
        return .done([assessment])
    }
}
