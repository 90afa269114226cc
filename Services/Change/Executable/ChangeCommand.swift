import ArgumentParser
import Change
import Foundation
import Kafka
import Logging
import ServiceRuntime

/// `pmo-change`: the change control service. Assesses change requests against the baseline in
/// force, routes them to the PM or the CCB, counts votes, revises the baseline on approval and
/// reminds late voters; see ``ChangeProcessor``.
@main
struct ChangeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pmo-change",
        abstract: "The PMO change control service: completeness, impact measured against the baseline, the PM's cumulative tolerance, CCB votes, deadlines and re-baselines.",
        discussion: """
            Consumes pmo.projects.chartered, pmo.projects.baselined, pmo.projects.rebaselined, \
            pmo.change.requests and pmo.change.votes with the policy (pmo.config.policy) and the roster \
            (pmo.config.roster) as reference data; produces pmo.change.assessments, pmo.change.decisions, \
            pmo.change.reminders and pmo.projects.rebaselined. Health and metrics on /healthz, /readyz and \
            /metrics (default port 8084).
            """)

    @OptionGroup var runtime: RuntimeOptions

    @Option(help: "Seconds a request that arrives before its project's baseline, a vote before its request revision, or any input that arrives before the policy and roster, is kept before it is refused (env: PMO_CHANGE_HOLD_S).")
    var holdEarlyInputsS: Double = ProcessInfo.processInfo.environment["PMO_CHANGE_HOLD_S"].flatMap(Double.init)
        ?? InputHolding.defaultPeriod

    @Option(help: "The most such inputs kept per project; the oldest beyond it is refused (env: PMO_CHANGE_MAX_HELD).")
    var maxHeldInputs: Int = ProcessInfo.processInfo.environment["PMO_CHANGE_MAX_HELD"].flatMap(Int.init)
        ?? InputHolding.defaultLimit

    func run() async throws {
        let logger = runtime.startLogging(label: "pmo.change")
        try await ServiceLauncher.run(ChangeProcessor(holdPeriod: holdEarlyInputsS, heldInputLimit: maxHeldInputs),
                                      options: runtime, defaultHTTPPort: 8084, logger: logger)
    }
}
