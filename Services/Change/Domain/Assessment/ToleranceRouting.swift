import Foundation
import PMOModel

/// Who decides a change (section 2.4: changes within the PM's authority are the PM's; the rest go
/// to the change control board), with the PM's tolerance counted cumulatively.
///
/// **Cumulative tolerance.** The finish and the BAC are compared with the baseline as the CCB (or
/// planning) last set it, not with the revision in force: the changes the PM approved since then
/// count together with this one. A series of small changes that add up past the tolerance goes
/// to the CCB, and the reason names the earlier changes.
///
/// The CCB decides when
/// - the finish moves later by more than the tolerance's days,
/// - the BAC grows by more than the tolerance's amount, or by more than its percent of the
///   reference BAC (when the policy sets one); a BAC change in another currency than the
///   tolerance's is never the PM's,
/// - the change adds or removes scope and the tolerance does not allow scope changes, or
/// - the claimed impact understates the measured one (``ClaimedImpactCheck``).
///
/// Otherwise the PM decides. Either way the reasons state the figures compared.
public enum ToleranceRouting {
    /// The route and its reasons.
    public static func route(measured: ImpactSummary, reference: ToleranceReference, priorApprovals: [PriorApproval],
                             findings: [String], tolerance: PMTolerance) -> (route: ChangeRoute, reasons: [String]) {
        let currency = reference.budgetAtCompletion.currency
        let totalDays = reference.finish.days(until: measured.newFinish)
        let totalCost = measured.newBudgetAtCompletion.amount - reference.budgetAtCompletion.amount
        let ownCost = measured.newBudgetAtCompletion.amount - measured.currentBudgetAtCompletion.amount
        let earlier = priorApprovals.isEmpty ? "" : "with "
            + priorApprovals.map { "\($0.changeRequestId) r\($0.changeRequestRevision)" }.joined(separator: ", ")
            + " approved by the PM since baseline revision \(reference.baselineRevision), "
        var reasons: [String] = []
        if totalDays > tolerance.scheduleDays {
            reasons.append(measured.scheduleDays > tolerance.scheduleDays || priorApprovals.isEmpty
                ? "the finish moves \(ClaimedImpactCheck.days(totalDays)), beyond the PM's tolerance of \(ClaimedImpactCheck.days(tolerance.scheduleDays))"
                : "\(earlier)the finish moves \(ClaimedImpactCheck.days(totalDays)) in all (\(ClaimedImpactCheck.days(measured.scheduleDays)) for this change), beyond the PM's tolerance of \(ClaimedImpactCheck.days(tolerance.scheduleDays))")
        }
        if tolerance.cost.currency == currency, totalCost > tolerance.cost.amount {
            reasons.append(ownCost > tolerance.cost.amount || priorApprovals.isEmpty
                ? "the BAC grows by \(totalCost) \(currency), beyond the PM's tolerance of \(tolerance.cost.amount) \(currency)"
                : "\(earlier)the BAC grows by \(totalCost) \(currency) in all (\(ownCost) for this change), beyond the PM's tolerance of \(tolerance.cost.amount) \(currency)")
        }
        if let percent = tolerance.costPercent, reference.budgetAtCompletion.amount > 0,
           totalCost * 100 > Decimal(percent) * reference.budgetAtCompletion.amount {
            let share = ImpactMeasurement.percent(totalCost, of: reference.budgetAtCompletion.amount)
            reasons.append("\(priorApprovals.isEmpty ? "" : earlier)the BAC grows by about \(share) % of the \(reference.budgetAtCompletion.amount) \(currency) of baseline revision \(reference.baselineRevision), beyond the PM's tolerance of \(ClaimedImpactCheck.percent(percent)) %")
        }
        if tolerance.cost.currency != currency, totalCost != 0 {
            reasons.append("the PM's cost tolerance is in \(tolerance.cost.currency) but the baseline in \(currency): the PM may not approve a change of the BAC alone")
        }
        if measured.scopeChanged, !tolerance.scopeChangeAllowed {
            reasons.append("scope items are added or removed, which the PM may not approve alone")
        }
        reasons += findings.map { "the claimed impact understates the measured one: \($0)" }
        if !reasons.isEmpty { return (.changeControlBoard, reasons) }
        var within = "within the PM's tolerance of \(ClaimedImpactCheck.days(tolerance.scheduleDays)) and \(tolerance.cost.amount) \(currency)"
        if let percent = tolerance.costPercent { within += " or \(ClaimedImpactCheck.percent(percent)) %" }
        within += ": since baseline revision \(reference.baselineRevision) the finish moves \(ClaimedImpactCheck.days(totalDays)) and the BAC changes by \(ClaimedImpactCheck.signed(totalCost)) \(currency)"
        if !priorApprovals.isEmpty {
            within += ", counting " + priorApprovals.map(\.changeRequestId).joined(separator: ", ") + " approved by the PM"
        }
        return (.projectManager, [within])
    }
}
