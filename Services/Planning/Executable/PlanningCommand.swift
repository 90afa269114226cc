import ArgumentParser
import Foundation
import Kafka
import Logging
import Planning
import ServiceRuntime

/// `pmo-planning`: the planning review service. Reviews plan revisions against their charter, the
/// policy and the roster, runs the expert review, baselines approved plans and reminds late
/// experts; see ``PlanningProcessor``.
@main
struct PlanningCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pmo-planning",
        abstract: "The PMO planning review service: plan completeness, consistency, schedule network, charter compliance, expert review and baseline.",
        discussion: """
            Consumes pmo.projects.chartered, pmo.planning.plans and pmo.planning.expert-reviews with the \
            policy (pmo.config.policy) and the roster (pmo.config.roster) as reference data; produces \
            pmo.planning.reviews, pmo.planning.decisions, pmo.planning.reminders and pmo.projects.baselined. \
            Health and metrics on /healthz, /readyz and /metrics (default port 8082).
            """)

    @OptionGroup var runtime: RuntimeOptions

    @Option(help: "Seconds a plan that arrives before its charter, an expert review before its plan revision, or any input that arrives before the policy and roster, is kept before it is refused (env: PMO_PLANNING_HOLD_S).")
    var holdEarlyInputsS: Double = ProcessInfo.processInfo.environment["PMO_PLANNING_HOLD_S"].flatMap(Double.init)
        ?? InputHolding.defaultPeriod

    @Option(help: "The most such inputs kept per project; the oldest beyond it is refused (env: PMO_PLANNING_MAX_HELD).")
    var maxHeldInputs: Int = ProcessInfo.processInfo.environment["PMO_PLANNING_MAX_HELD"].flatMap(Int.init)
        ?? InputHolding.defaultLimit

    func run() async throws {
        let logger = runtime.startLogging(label: "pmo.planning")
        try await ServiceLauncher.run(PlanningProcessor(holdPeriod: holdEarlyInputsS, heldInputLimit: maxHeldInputs), options: runtime, defaultHTTPPort: 8082, logger: logger)
    }
}
