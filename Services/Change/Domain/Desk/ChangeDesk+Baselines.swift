import Foundation
import PMOModel
import ServiceRuntime

extension ChangeDesk {
    /// The re-baseline of an approved request: its changes applied to the baseline in force (the
    /// revision it was assessed against), revision n+1. A PM's approval counts towards the PM's
    /// cumulative tolerance; the CCB's or the sponsor's sets a new reference for it. `nil` when
    /// the baseline moved since the assessment.
    func revise(_ changeCase: inout ChangeCase, approving request: ChangeRequestCase, by authority: DecisionAuthority,
                now: Date) -> ProjectRebaselined? {
        guard let current = changeCase.baseline, let assessment = request.assessment,
              assessment.baselineRevision == current.revision else { return nil }
        let proposed = ProposedBaseline(applying: request.request.proposedBaselineChanges, to: current.baseline)
        let revision = current.revision + 1
        changeCase.baseline = BaselineInForce(revision: revision, baseline: proposed.baseline, projectManager: current.projectManager)
        let measured = assessment.impactSummary
        if authority == .projectManager {
            changeCase.priorApprovals.append(PriorApproval(
                changeRequestId: request.changeRequestId, changeRequestRevision: request.revision,
                scheduleDays: measured.scheduleDays,
                costChange: Money(measured.newBudgetAtCompletion.amount - measured.currentBudgetAtCompletion.amount,
                                  measured.currentBudgetAtCompletion.currency),
                scopeChanged: measured.scopeChanged))
            if changeCase.toleranceReference == nil {
                changeCase.toleranceReference = ToleranceReference(current.baseline, revision: current.revision)
            }
        } else {
            changeCase.toleranceReference = ToleranceReference(proposed.baseline, revision: revision)
            changeCase.priorApprovals = []
        }
        return ProjectRebaselined(
            projectId: request.request.projectId, baselineRevision: revision, previousBaselineRevision: current.revision,
            changeRequestId: request.changeRequestId, changeRequestRevision: request.revision, rebaselinedAt: now,
            policyVersion: assessment.policyVersion, baseline: proposed.baseline, workPackagesChanged: proposed.changedWorkPackages)
    }

    /// Returns every open request assessed against an older baseline revision than `rebaseline`
    /// sets: two changes are never applied against the same revision.
    func returnOpenRequests(_ changeCase: inout ChangeCase, after rebaseline: ProjectRebaselined, now: Date) -> [any PMOEvent] {
        var events: [any PMOEvent] = []
        for var open in changeCase.openRequests where (open.assessment?.baselineRevision ?? 0) < rebaseline.baselineRevision {
            open.phase = .returnedForRevision
            changeCase.requests[open.changeRequestId] = open
            events.append(ChangeDecisions.system(
                open.request, outcome: .returnedForRevision,
                reasons: ["baseline revision \(rebaseline.baselineRevision) (from \(rebaseline.changeRequestId)) replaced revision \(rebaseline.previousBaselineRevision), which revision \(open.revision) of \(open.changeRequestId) was assessed against; resubmit against revision \(rebaseline.baselineRevision)"],
                policyVersion: open.assessment?.policyVersion ?? rebaseline.policyVersion, at: now))
        }
        return events
    }

    /// A re-baseline read back from `pmo.projects.rebaselined`: one change control has applied
    /// (its revision is not newer) changes nothing; a newer one (state restored from an older
    /// changelog, or another writer) becomes the baseline in force and returns the open requests.
    func adopt(_ rebaselined: ProjectRebaselined, _ changeCase: inout ChangeCase, policy: PolicyPublished, now: Date) -> [any PMOEvent] {
        let current = changeCase.baseline
        guard rebaselined.baselineRevision > current?.revision ?? 0 else { return [] }
        changeCase.baseline = BaselineInForce(revision: rebaselined.baselineRevision, baseline: rebaselined.baseline,
                                              projectManager: current?.projectManager ?? changeCase.charter?.projectManager ?? "")
        if changeCase.toleranceReference == nil {
            changeCase.toleranceReference = ToleranceReference(rebaselined.baseline, revision: rebaselined.baselineRevision)
        }
        if let approved = changeCase.requests[rebaselined.changeRequestId], approved.revision == rebaselined.changeRequestRevision {
            var request = approved
            request.phase = .approved
            changeCase.requests[rebaselined.changeRequestId] = request
        }
        return returnOpenRequests(&changeCase, after: rebaselined, now: now)
    }
}
