import ArgumentParser
import Foundation
import Intake
import PMOModel
import ServiceRuntime

/// `pmoctl policy simulate <candidate-policy>`: a what-if for a change of the methodology
/// (section 1.4 of the PMO standard asks for its justification). The recorded proposals, reviews,
/// lifecycle requests and appointments are replayed through intake's rules, the same pure code
/// the service runs, under the policy in force and under the candidate; the projects whose
/// outcome, class or required reviews would change are printed with why, then the totals.
/// Nothing is published.
struct PolicySimulation: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Replay the recorded intake inputs under a candidate policy and print which decisions would change, and why (nothing is published).",
        discussion: """
            Reads pmo.config.policy and pmo.config.roster (the latest versions) and pmo.intake.proposals, \
            pmo.intake.reviews and pmo.intake.appointments from the beginning, runs intake's rules under the \
            policy in force and under the candidate (a YAML or JSON policy file, checked like `policy load`), \
            and prints each project that would end differently. Reminders and other time-driven steps are not \
            replayed.
            """)

    @Argument(help: "The candidate policy file, YAML or JSON.")
    var file: String

    @OptionGroup var connection: ConnectionOptions

    /// The topics intake's replay reads.
    static let topics = ["pmo.config.policy", "pmo.config.roster", "pmo.intake.proposals", "pmo.intake.reviews", "pmo.intake.appointments"]

    func run() async throws {
        try await Reporting.run {
            let document = try ReferenceDocument.stamped(EventDocument.read(file), field: "publishedAt")
            guard let candidate = try EventValidation.check(document, type: PolicyPublished.eventType).get().first as? PolicyPublished else {
                throw PmoctlError("\(file) holds no policy", exitCode: 2)
            }
            let session = try ClusterSession(connection)
            let (events, skipped) = try await RecordedTopics.read(Self.topics, session: session)
            for line in try Self.report(events, candidate: candidate, skipped: skipped) { Reporting.printOut(line) }
        }
    }

    /// The report's lines for the recorded `events` and the `candidate` policy.
    static func report(_ events: [DecodedEvent], candidate: PolicyPublished, skipped: Int = 0) throws -> [String] {
        var reference = ReferenceData()
        var inputs: [IntakeSimulation.RecordedInput] = []
        for decoded in events {
            reference.apply(decoded.event)
            let origin = InputOrigin(id: decoded.attributes.id, source: decoded.attributes.source, type: decoded.attributes.type)
            if let input = IntakeInput(decoded.event, origin: origin) {
                inputs.append(IntakeSimulation.RecordedInput(input, at: decoded.attributes.time))
            }
        }
        guard let current = reference.policy, let roster = reference.roster else {
            throw PmoctlError("no policy or no roster is recorded on pmo.config.policy and pmo.config.roster: nothing to compare the candidate with")
        }
        let whatIf = PolicyWhatIf.intake(current: IntakeSimulation.run(inputs, policy: current, roster: roster),
                                         candidate: IntakeSimulation.run(inputs, policy: candidate, roster: roster),
                                         currentPolicy: current, candidatePolicy: candidate)
        return ["replayed \(inputs.count) recorded intake input\(inputs.count == 1 ? "" : "s") with roster v\(roster.version)"
                + (skipped > 0 ? " (\(skipped) record\(skipped == 1 ? "" : "s") that are not valid events left out)" : "")]
            + whatIf.lines
    }
}
