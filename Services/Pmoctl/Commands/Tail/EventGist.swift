import Foundation
import PMOModel

/// The gist of an event in a few words, for `pmoctl tail`.
public enum EventGist {
    /// One short line saying what the event is about.
    public static func of(_ event: any PMOEvent) -> String {
        switch event {
        case let e as ProposalSubmitted:
            let missing = e.missingSections
            let budget = e.budgetEstimate.map { ", budget \($0.amount) \($0.currency)" } ?? ""
            return "r\(e.revision) \"\(e.title)\" sponsor \(e.sponsor)\(budget)"
                + (missing.isEmpty ? "" : ", \(missing.count) section(s) missing")
        case let e as ReviewSubmitted:
            return "r\(e.proposalRevision) \(e.department) review by \(e.reviewer): \(e.verdict.rawValue)"
                + (e.findings.isEmpty ? "" : " (\(e.findings.count) finding(s))")
        case let e as AssessmentCompleted:
            if !e.complete {
                return "r\(e.proposalRevision) incomplete, missing \(e.missingSections.map(\.rawValue).joined(separator: ", ")) → \(e.recommendation.rawValue)"
            }
            let total = e.totalScore.map { number($0) } ?? "?"
            let reviews = e.requiredReviewDepartments.isEmpty ? "" : ", reviews: \(e.requiredReviewDepartments.joined(separator: ", "))"
            return "r\(e.proposalRevision) score \(total) (threshold \(number(e.approvalThreshold))) → \(e.recommendation.rawValue), \(e.classification?.rawValue ?? "unclassified")\(reviews) [policy v\(e.policyVersion)]"
        case let e as IntakeDecisionMade:
            let pm = e.projectManagerAppointmentRequired ? " (PM appointment required)" : ""
            return "r\(e.proposalRevision) \(e.outcome.rawValue.uppercased())\(pm): \(e.reasons.first ?? "")"
                + (e.reasons.count > 1 ? " (+\(e.reasons.count - 1) more)" : "") + " [policy v\(e.policyVersion)]"
        case let e as ProjectChartered:
            return "r\(e.proposalRevision) \"\(e.title)\" PM \(e.projectManager), \(e.priority.rawValue) priority, \(e.classification.rawValue), ceiling \(e.budgetCeiling.amount) \(e.budgetCeiling.currency), \(e.targetStart)→\(e.targetFinish) [policy v\(e.policyVersion)]"
        case let e as ReviewReminderIssued:
            return "r\(e.proposalRevision) reviews overdue since \(RFC3339.format(e.pendingSince)) (reminder \(e.reminder ?? 1)): "
                + e.overdueReviews.map { "\($0.department) (\($0.reviewers.joined(separator: ", ")))" }.joined(separator: "; ")
                + (e.escalatedTo.isEmpty ? "" : "; escalated to \(e.escalatedTo.joined(separator: ", "))")
        case let e as ProjectManagerAppointed:
            return "r\(e.proposalRevision) PM \(e.projectManager) appointed by \(e.appointedBy)" + (e.reason.map { ": \($0)" } ?? "")
        case let e as AppointmentReminderIssued:
            return "r\(e.proposalRevision) waiting for a PM since \(RFC3339.format(e.pendingSince)) (reminder \(e.reminder); nominee \(e.nominatedProjectManager) is no PM)"
                + (e.escalatedTo.isEmpty ? "" : "; escalated to \(e.escalatedTo.joined(separator: ", "))")
        case let e as ProposalWithdrawn:
            return "r\(e.proposalRevision) WITHDRAWN by \(e.withdrawnBy): \(e.reason)"
        case let e as DeferralRequested:
            return "r\(e.proposalRevision) deferral until \(e.until) asked by \(e.requestedBy): \(e.reason)"
        case let e as AppealSubmitted:
            return "r\(e.proposalRevision) rejection appealed by \(e.appellant): \(e.reason)"
        case let e as AppealDecided:
            return "r\(e.proposalRevision) appeal \(e.verdict == .grant ? "GRANTED" : "UPHELD (rejection stands)") by \(e.decidedBy): \(e.reasons.first ?? "")"
        case let e as PlanSubmitted:
            return planGist(e)
        case let e as ExpertReviewSubmitted:
            return "r\(e.planRevision) expert review by \(e.expert): \(e.verdict.rawValue)"
                + (e.findings.isEmpty ? "" : " (\(e.findings.count) finding(s))")
        case let e as PlanReviewCompleted:
            let blocking = e.findings.filter(\.severity.isBlocking).count
            let advisory = e.findings.count - blocking
            let findings = e.findings.isEmpty ? "no findings" : "\(blocking) blocking, \(advisory) advisory finding(s)"
            let expert = e.expertReviewRequired
                ? "expert review required" + (e.expertReviewReason.map { ": \($0)" } ?? "")
                : "no expert review"
            return "r\(e.planRevision) \(findings), \(expert) [policy v\(e.policyVersion)]"
        case let e as PlanDecisionMade:
            if let refusal = e.refusal {
                let sender = refusal.submittedBy.map { " from \($0)" } ?? ""
                return "r\(e.planRevision) REFUSED \(refusal.refusedEventType)\(sender): \(refusal.reason) [policy v\(e.policyVersion)]"
            }
            return "r\(e.planRevision) \(e.outcome.rawValue.uppercased()): \(e.reasons.first ?? "")"
                + (e.reasons.count > 1 ? " (+\(e.reasons.count - 1) more)" : "") + " [policy v\(e.policyVersion)]"
        case let e as ProjectBaselined:
            let span = e.baseline.plannedSpan.map { ", \($0.start)→\($0.finish)" } ?? ""
            return "baseline r\(e.baselineRevision) from plan r\(e.planRevision), BAC \(e.baseline.budgetAtCompletion), PM \(e.projectManager)\(span) [policy v\(e.policyVersion)]"
        case let e as ExpertReviewReminderIssued:
            return "r\(e.planRevision) expert review overdue since \(RFC3339.format(e.pendingSince)) (reminder \(e.reminder), every \(counted(e.reminderPeriodDays, "day"))): "
                + "\(e.verdictsReceived)/\(e.verdictsRequired) verdicts, waiting for \(e.experts.joined(separator: ", "))"
        case let e as ChangeRequestSubmitted:
            return "\(e.changeRequestId) r\(e.revision) against baseline r\(e.baselineRevision) by \(e.requester): \"\(e.title)\", claims \(signed(e.impact.scheduleDays)) days, \(signedAmount(e.impact.cost.amount)) \(e.impact.cost.currency), \(counted(e.proposedBaselineChanges.count, "baseline change"))"
        case let e as VoteCast:
            return "\(e.changeRequestId) r\(e.changeRequestRevision) vote by \(e.voter): \(e.vote.rawValue)"
        case let e as ChangeAssessmentCompleted:
            let impact = e.impactSummary
            let findings = e.findings.isEmpty ? "" : ", \(counted(e.findings.count, "finding"))"
            return "\(e.changeRequestId) r\(e.changeRequestRevision) → \(e.route.rawValue): finish \(signed(impact.scheduleDays)) days (\(impact.currentFinish)→\(impact.newFinish)), BAC \(impact.currentBudgetAtCompletion.amount)→\(impact.newBudgetAtCompletion)\(findings); \(e.reasons.first ?? "")"
                + (e.reasons.count > 1 ? " (+\(e.reasons.count - 1) more)" : "") + " [baseline r\(e.baselineRevision), policy v\(e.policyVersion)]"
        case let e as ChangeDecisionMade:
            if let refusal = e.refusal {
                let sender = refusal.submittedBy.map { " from \($0)" } ?? ""
                return "\(e.changeRequestId) r\(e.changeRequestRevision) REFUSED \(refusal.refusedEventType)\(sender): \(refusal.reason) [policy v\(e.policyVersion)]"
            }
            let votes = e.votes.isEmpty ? "" : " (\(counted(e.votes.count, "vote")))"
            return "\(e.changeRequestId) r\(e.changeRequestRevision) \(e.outcome.rawValue.uppercased()) by \(e.decidedBy.rawValue)\(votes): \(e.reasons.first ?? "")"
                + (e.reasons.count > 1 ? " (+\(e.reasons.count - 1) more)" : "") + " [policy v\(e.policyVersion)]"
        case let e as ProjectRebaselined:
            let span = e.baseline.plannedSpan.map { ", \($0.start)→\($0.finish)" } ?? ""
            return "baseline r\(e.baselineRevision) (was r\(e.previousBaselineRevision)) from \(e.changeRequestId) r\(e.changeRequestRevision), BAC \(e.baseline.budgetAtCompletion)\(span) [policy v\(e.policyVersion)]"
        case let e as ChangeVoteReminderIssued:
            return "\(e.changeRequestId) r\(e.changeRequestRevision) \(e.route.rawValue) vote overdue since \(RFC3339.format(e.pendingSince)) (reminder \(e.reminder), every \(counted(e.reminderPeriodDays, "day"))): \(e.votesReceived) vote(s), waiting for \(e.pendingVoters.joined(separator: ", "))"
        case let e as PolicyPublished:
            return "v\(e.version) effective \(e.effectiveFrom), intake threshold \(number(e.intake.approvalThreshold)), reviews: \(e.intake.requiredReviewDepartments.joined(separator: ", "))"
        case let e as RosterPublished:
            return "v\(e.version), \(e.members.count) members"
        default:
            return compactJSON(event)
        }
    }

    /// `r2 by marc.lefevre: 8 sub-plans, 4 work packages, 3 milestones, BAC 800000 EUR, 2026-04-01→2027-03-31`.
    static func planGist(_ plan: PlanSubmitted) -> String {
        let missing = plan.missingSubPlans(required: SubPlanKind.allCases)
        let subPlans = missing.isEmpty
            ? "\(SubPlanKind.allCases.count) sub-plans"
            : "\(SubPlanKind.allCases.count - missing.count) of \(SubPlanKind.allCases.count) sub-plans (missing \(missing.map(\.rawValue).joined(separator: ", ")))"
        let baseline = plan.baseline
        let span = baseline.plannedSpan.map { ", \($0.start)→\($0.finish)" } ?? ""
        return "r\(plan.revision) by \(plan.submittedBy): \(subPlans), \(counted(baseline.workPackages.count, "work package")), "
            + "\(counted(baseline.milestones.count, "milestone")), BAC \(baseline.budgetAtCompletion)\(span)"
    }

    /// `1 milestone`, `3 milestones`.
    static func counted(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)\(count == 1 ? "" : "s")"
    }

    /// `+20`, `-3`, `0`.
    static func signed(_ value: Int) -> String { value > 0 ? "+\(value)" : "\(value)" }

    /// `+30000`, `-1200.5`, `0`.
    static func signedAmount(_ value: Decimal) -> String { value > 0 ? "+\(value)" : "\(value)" }

    static func number(_ value: Double) -> String {
        value == value.rounded() ? String(format: "%.0f", value) : String(format: "%.1f", value)
    }

    static func compactJSON(_ event: any PMOEvent) -> String {
        guard let data = try? event.jsonData(), let text = String(data: data, encoding: .utf8) else { return "" }
        return text.count > 160 ? String(text.prefix(157)) + "..." : text
    }
}
