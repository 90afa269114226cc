import Foundation
import PMOModel

/// Measured against claimed impact: a request whose own impact analysis understates what the
/// change does to the baseline, beyond the policy's margin (`claimMargin`: 0 days and 0 % of BAC
/// when absent), has a finding, and each finding routes the request to the CCB.
///
/// - Schedule: the measured finish moves more days than claimed plus the margin's days.
/// - Cost: the measured BAC change exceeds the claimed cost by more than the margin's percent of
///   the baseline's BAC.
/// - Scope: the change adds work packages while the claim names no scope item.
public enum ClaimedImpactCheck {
    /// The findings, schedule first; empty when the claim is not understated.
    public static func findings(claimed: ChangeImpact, measured: ImpactSummary, margin: ImpactClaimMargin?,
                                addedWorkPackages: [String]) -> [String] {
        var findings: [String] = []
        let marginDays = margin?.scheduleDays ?? 0
        if measured.scheduleDays > claimed.scheduleDays + marginDays {
            findings.append("the finish moves \(days(measured.scheduleDays)) against the baseline (\(measured.currentFinish) to \(measured.newFinish)); the request claims \(days(claimed.scheduleDays))"
                + (marginDays > 0 ? " (margin \(days(marginDays)))" : ""))
        }
        let bac = measured.currentBudgetAtCompletion
        let measuredCost = measured.newBudgetAtCompletion.amount - bac.amount
        let allowance = bac.amount * Decimal(margin?.costPercent ?? 0) / 100
        if claimed.cost.currency == bac.currency, measuredCost - claimed.cost.amount > allowance {
            findings.append("the BAC changes by \(signed(measuredCost)) \(bac.currency) against the baseline; the request claims \(signed(claimed.cost.amount)) \(bac.currency)"
                + (allowance > 0 ? " (margin \(percent(margin?.costPercent ?? 0)) % of BAC, \(allowance) \(bac.currency))" : ""))
        }
        if !addedWorkPackages.isEmpty, claimed.scopeItemsAdded.isEmpty, claimed.scopeItemsRemoved.isEmpty {
            findings.append("the change adds work package\(addedWorkPackages.count == 1 ? "" : "s") \(addedWorkPackages.joined(separator: ", ")), but the request claims no scope change")
        }
        return findings
    }

    /// "12 days", "1 day", "-3 days".
    static func days(_ count: Int) -> String { "\(count) day\(abs(count) == 1 ? "" : "s")" }

    /// "5", "2.5": a percentage without a needless ".0".
    static func percent(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }

    /// "+35000", "-1200.5", "0".
    static func signed(_ amount: Decimal) -> String { amount > 0 ? "+\(amount)" : "\(amount)" }
}
