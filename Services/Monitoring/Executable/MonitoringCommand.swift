import ArgumentParser
import Foundation
import Kafka
import Logging
import Monitoring
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

    func run() async throws {
        Librdkafka.requireSupportedVersion()
        let level = runtime.resolvedLogLevel
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "pmo.monitoring")
        try await ServiceLauncher.run(MonitoringProcessor(), options: runtime, defaultHTTPPort: 8083, logger: logger)
    }
}
