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
            return "r\(e.proposalRevision) reviews overdue since \(RFC3339.format(e.pendingSince)): "
                + e.overdueReviews.map { "\($0.department) (\($0.reviewers.joined(separator: ", ")))" }.joined(separator: "; ")
        case let e as PolicyPublished:
            return "v\(e.version) effective \(e.effectiveFrom), intake threshold \(number(e.intake.approvalThreshold)), reviews: \(e.intake.requiredReviewDepartments.joined(separator: ", "))"
        case let e as RosterPublished:
            return "v\(e.version), \(e.members.count) members"
        default:
            return compactJSON(event)
        }
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() ? String(format: "%.0f", value) : String(format: "%.1f", value)
    }

    static func compactJSON(_ event: any PMOEvent) -> String {
        guard let data = try? event.jsonData(), let text = String(data: data, encoding: .utf8) else { return "" }
        return text.count > 160 ? String(text.prefix(157)) + "..." : text
    }
}
