import Foundation
import PMOModel
import ServiceRuntime

extension IntakeDesk {
    /// The sponsor withdraws the proposal: any phase short of a final one (rejected, chartered,
    /// withdrawn) ends as `withdrawn`, with the sponsor's reason. Anyone else is refused.
    func withdraw(_ withdrawal: ProposalWithdrawn, origin: InputOrigin, _ intakeCase: inout IntakeCase,
                  policy: PolicyPublished, now: Date) -> Disposition {
        func refuse(_ reason: String) -> Disposition {
            .done([refusal(of: .withdrawal(withdrawal, origin), reason: reason, policyVersion: policy.version, at: now)].compactMap { $0 })
        }
        guard var dossier = intakeCase.dossier else {
            return .early(reason: "no proposal has been submitted for \(withdrawal.projectId); there is nothing to withdraw")
        }
        if let reason = Lifecycle.senderAndRevision(withdrawal.withdrawnBy, revision: withdrawal.proposalRevision, dossier: dossier, action: "withdraw") {
            return refuse(reason)
        }
        switch dossier.phase {
        case .rejected, .chartered, .withdrawn:
            return refuse("\(withdrawal.projectId) was already \(Lifecycle.phrase(dossier.phase)) (revision \(dossier.revision)); it cannot be withdrawn")
        case .underReview, .returnedForRevision, .awaitingProjectManager, .deferred, .appealed:
            break
        }
        dossier.phase = .withdrawn
        dossier.deferral = nil
        dossier.since = now
        intakeCase.dossier = dossier
        return .done([IntakeDecisionMade(
            projectId: withdrawal.projectId, proposalRevision: dossier.revision, decidedAt: now, policyVersion: policy.version,
            outcome: .withdrawn, reasons: ["withdrawn by the sponsor \(withdrawal.withdrawnBy): \(withdrawal.reason)"],
            projectManagerAppointmentRequired: false)])
    }

    /// The sponsor parks a proposal under review or returned for revision until a later day:
    /// reviews, resubmissions and reminders pause, and it resumes the phase it was in on that day.
    func park(_ deferral: DeferralRequested, origin: InputOrigin, _ intakeCase: inout IntakeCase,
              policy: PolicyPublished, now: Date) -> Disposition {
        func refuse(_ reason: String) -> Disposition {
            .done([refusal(of: .deferral(deferral, origin), reason: reason, policyVersion: policy.version, at: now)].compactMap { $0 })
        }
        guard var dossier = intakeCase.dossier else {
            return .early(reason: "no proposal has been submitted for \(deferral.projectId); there is nothing to defer")
        }
        if let reason = Lifecycle.senderAndRevision(deferral.requestedBy, revision: deferral.proposalRevision, dossier: dossier, action: "defer") {
            return refuse(reason)
        }
        guard dossier.phase == .underReview || dossier.phase == .returnedForRevision else {
            return refuse("\(deferral.projectId) is \(Lifecycle.phrase(dossier.phase)) (revision \(dossier.revision)); only a proposal under review or returned for revision can be deferred")
        }
        let today = CalendarDate(utcDayOf: now)
        guard deferral.until > today else {
            return refuse("a deferral must end after today (\(today)), not on \(deferral.until)")
        }
        dossier.deferral = Deferral(until: deferral.until, resumes: dossier.phase)
        dossier.phase = .deferred
        dossier.since = now
        intakeCase.dossier = dossier
        return .done([IntakeDecisionMade(
            projectId: deferral.projectId, proposalRevision: dossier.revision, decidedAt: now, policyVersion: policy.version,
            outcome: .deferred, reasons: ["deferred until \(deferral.until) at the request of the sponsor \(deferral.requestedBy): \(deferral.reason)"],
            projectManagerAppointmentRequired: false, deferredUntil: deferral.until)])
    }

    /// The sponsor appeals a rejection to the PMO head, once; the ruling decides (``rule(on:origin:_:policy:roster:now:)``).
    func lodge(_ appeal: AppealSubmitted, origin: InputOrigin, _ intakeCase: inout IntakeCase,
               policy: PolicyPublished, now: Date) -> Disposition {
        func refuse(_ reason: String) -> Disposition {
            .done([refusal(of: .appeal(appeal, origin), reason: reason, policyVersion: policy.version, at: now)].compactMap { $0 })
        }
        guard var dossier = intakeCase.dossier else {
            return .early(reason: "no proposal has been submitted for \(appeal.projectId); there is nothing to appeal")
        }
        if let reason = Lifecycle.senderAndRevision(appeal.appellant, revision: appeal.proposalRevision, dossier: dossier, action: "appeal") {
            return refuse(reason)
        }
        if let earlier = dossier.appeal {
            return refuse("\(appeal.projectId) was already appealed once (\(earlier.verdict.map { "the PMO head ruled: \($0.rawValue)" } ?? "awaiting the PMO head's ruling")); a rejection is appealed once")
        }
        guard dossier.phase == .rejected else {
            return refuse("\(appeal.projectId) is \(Lifecycle.phrase(dossier.phase)) (revision \(dossier.revision)); only a rejection can be appealed")
        }
        dossier.appeal = AppealRecord(appellant: appeal.appellant, reason: appeal.reason)
        dossier.phase = .appealed
        dossier.since = now
        intakeCase.dossier = dossier
        return .done([])
    }

    /// The PMO head's ruling on an appeal: uphold (the rejection stands, for good) or grant (the
    /// proposal is returned for revision, and the sponsor may submit the next one). Only a roster
    /// member with the `pmo-head` role rules, and only on an appeal awaiting a ruling.
    func rule(on ruling: AppealDecided, origin: InputOrigin, _ intakeCase: inout IntakeCase, policy: PolicyPublished,
              roster: RosterPublished, now: Date) -> Disposition {
        func refuse(_ reason: String) -> Disposition {
            .done([refusal(of: .appealRuling(ruling, origin), reason: reason, policyVersion: policy.version, at: now)].compactMap { $0 })
        }
        guard var dossier = intakeCase.dossier, dossier.appeal != nil || dossier.phase != .rejected else {
            return .early(reason: "\(ruling.projectId) has no appeal awaiting a ruling yet")
        }
        guard roster.member(ruling.decidedBy)?.roles.contains(.pmoHead) == true else {
            return refuse("\(ruling.decidedBy) is not the PMO head on roster v\(roster.version); only the PMO head rules on appeals")
        }
        guard dossier.phase == .appealed, var appeal = dossier.appeal, ruling.proposalRevision == dossier.revision else {
            return refuse("\(ruling.projectId) has no appeal of revision \(ruling.proposalRevision) awaiting a ruling (it is \(Lifecycle.phrase(dossier.phase)), revision \(dossier.revision))")
        }
        appeal.verdict = ruling.verdict
        dossier.appeal = appeal
        dossier.since = now
        let outcome: DecisionOutcome
        let verdictLine: String
        switch ruling.verdict {
        case .uphold:
            dossier.phase = .rejected
            outcome = .rejected
            verdictLine = "the PMO head \(ruling.decidedBy) upheld the rejection on appeal; it is final"
        case .grant:
            dossier.phase = .returnedForRevision
            outcome = .returnedForRevision
            verdictLine = "the PMO head \(ruling.decidedBy) granted the appeal of \(appeal.appellant); revision \(dossier.revision + 1) may be submitted"
        }
        intakeCase.dossier = dossier
        return .done([IntakeDecisionMade(
            projectId: ruling.projectId, proposalRevision: dossier.revision, decidedAt: now, policyVersion: policy.version,
            outcome: outcome, reasons: [verdictLine] + ruling.reasons + ["the appeal: \(appeal.reason)"],
            projectManagerAppointmentRequired: false, appealVerdict: ruling.verdict)])
    }
}

/// Checks and words shared by the sponsor's lifecycle requests.
enum Lifecycle {
    /// Why a request by `sender` on `revision` is refused, or `nil`: only the sponsor acts on the
    /// proposal, and only on its current revision.
    static func senderAndRevision(_ sender: String, revision: Int, dossier: ProposalDossier, action: String) -> String? {
        let project = dossier.proposal.projectId
        if sender != dossier.proposal.sponsor {
            return "only the sponsor \(dossier.proposal.sponsor) may \(action) \(project), not \(sender)"
        }
        if revision != dossier.revision {
            return "revision \(revision) of \(project) is not its current revision \(dossier.revision)"
        }
        return nil
    }

    /// "rejected", "approved and chartered", "deferred"...
    static func phrase(_ phase: IntakePhase) -> String {
        switch phase {
        case .returnedForRevision: "returned for revision"
        case .underReview: "under review"
        case .rejected: "rejected"
        case .awaitingProjectManager: "approved and awaiting a project manager"
        case .chartered: "approved and chartered"
        case .withdrawn: "withdrawn"
        case .deferred: "deferred"
        case .appealed: "appealed"
        }
    }
}
