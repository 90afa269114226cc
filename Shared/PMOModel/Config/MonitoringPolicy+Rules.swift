extension MonitoringPolicy {
    /// The amber risk score is not above the escalation (red) score, and a trend spans at least
    /// two reports.
    func validateRules(at pointer: JSONPointer, into violations: inout ViolationCollector) {
        if let riskAmberScore {
            violations.require(riskAmberScore <= riskEscalationScore, pointer / "riskAmberScore",
                               "the amber risk score (\(riskAmberScore)) must be at or below the escalation score (\(riskEscalationScore))")
        }
        if let trendReports, trendReports >= 1 {  // below 1 the field's own check reports it
            violations.require(trendReports >= 2, pointer / "trendReports",
                               "a trend needs at least 2 reports, not \(trendReports)")
        }
    }
}
