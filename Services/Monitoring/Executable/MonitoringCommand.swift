import ArgumentParser
import Foundation
import Kafka
import Logging
import Monitoring
import MonitoringSummary
import ServiceRuntime

/// `pmo-monitoring`: the monitoring service. Measures status reports against their baseline,
/// rates health, raises and closes alerts, escalates major risks, cross-department issues and
/// unresolved variances, detects resource conflicts and keeps the portfolio register; see
/// ``MonitoringProcessor``.
@main
struct MonitoringCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pmo-monitoring",
        abstract: "The PMO monitoring service: earned value and schedule, health, alerts, escalations, resource conflicts, portfolio register and summary.",
        discussion: """
            Consumes pmo.status.reports and pmo.resources.allocations with the project events of intake, \
            planning and change control (charters, baselines, rebaselines, assessments, reviews, decisions), \
            and the policy, roster and charters as reference data; produces pmo.monitoring.health, \
            pmo.monitoring.alerts, pmo.monitoring.escalations, pmo.resources.conflicts, pmo.portfolio.register \
            and pmo.portfolio.summary. Health and metrics on /healthz, /readyz and /metrics (default port 8083).
            """)

    @OptionGroup var runtime: RuntimeOptions

    @Option(help: "Seconds between two portfolio summaries at most; the owner of input partition 0 publishes one when the register changed (env: PMO_SUMMARY_INTERVAL_S).")
    var summaryIntervalS: Double = ProcessInfo.processInfo.environment["PMO_SUMMARY_INTERVAL_S"].flatMap(Double.init) ?? 5

    func run() async throws {
        let logger = runtime.startLogging(label: "pmo.monitoring")
        var summary = PortfolioSummaryStage.Settings()
        summary.interval = .milliseconds(Int64(summaryIntervalS * 1000))
        try await ServiceLauncher.run(MonitoringProcessor(), options: runtime, defaultHTTPPort: 8083, logger: logger,
                                      companions: PortfolioSummaryStage.companion(settings: summary, logger: logger))
    }
}
