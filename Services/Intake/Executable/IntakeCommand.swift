import ArgumentParser
import Foundation
import Intake
import Kafka
import Logging
import ServiceRuntime

/// `pmo-intake`: the intake service. Screens and scores proposals, runs the department review
/// gate, charters approved projects and reminds late reviewers; see ``IntakeProcessor``.
@main
struct IntakeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pmo-intake",
        abstract: "The PMO intake service: proposal screening, scoring, department review gate and chartering.",
        discussion: """
            Consumes pmo.intake.proposals and pmo.intake.reviews with the policy (pmo.config.policy) and \
            the roster (pmo.config.roster) as reference data; produces pmo.intake.assessments, \
            pmo.intake.decisions, pmo.intake.reminders and pmo.projects.chartered. Health and metrics on \
            /healthz, /readyz and /metrics (default port 8081).
            """)

    @OptionGroup var runtime: RuntimeOptions

    @Option(help: "Seconds a review or resubmission that arrives before what it refers to, or any input that arrives before the policy and roster, is kept before it is refused (env: PMO_INTAKE_HOLD_S).")
    var holdEarlyInputsS: Double = ProcessInfo.processInfo.environment["PMO_INTAKE_HOLD_S"].flatMap(Double.init)
        ?? InputHolding.defaultPeriod

    @Option(help: "The most such inputs kept per project; the oldest beyond it is refused (env: PMO_INTAKE_MAX_HELD).")
    var maxHeldInputs: Int = ProcessInfo.processInfo.environment["PMO_INTAKE_MAX_HELD"].flatMap(Int.init)
        ?? InputHolding.defaultLimit

    func run() async throws {
        let logger = runtime.startLogging(label: "pmo.intake")
        try await ServiceLauncher.run(IntakeProcessor(holdPeriod: holdEarlyInputsS, heldInputLimit: maxHeldInputs), options: runtime, defaultHTTPPort: 8081, logger: logger)
    }
}
