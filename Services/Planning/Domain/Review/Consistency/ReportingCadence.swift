import PMOModel

/// The status-report cadence (check `reporting-cadence`, on the communication plan): the plan
/// reports to the PMO at least as often as the monitoring policy asks
/// (`statusReportCadenceDays` ≤ `monitoring.reportingCadenceDays`). Skipped when there is no
/// communication plan.
///
/// Worked example: a cadence of 30 days under a policy of 14 gives "Status reports every 30 days
/// are less frequent than the policy's every 14 days."
public enum ReportingCadence {
    /// At most one finding.
    public static func check(_ plan: PlanSubmitted, policy: PolicyPublished) -> [RuleFinding] {
        guard let communication = plan.subPlans.communication else { return [] }
        let planned = communication.statusReportCadenceDays
        let allowed = policy.monitoring.reportingCadenceDays
        guard planned > allowed else { return [] }
        return [RuleFinding(.reportingCadence, on: .communication,
                            "Status reports every \(planned.counting("day")) are less frequent than the policy's every \(allowed.counting("day")).")]
    }
}
