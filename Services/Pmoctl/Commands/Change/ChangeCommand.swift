import ArgumentParser
import Foundation
import PMOModel

/// `pmoctl change request <file>` and `pmoctl change vote ...`: what requesters, PMs, CCB members
/// and sponsors send to change control (section 2.4 of the PMO standard).
struct ChangeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "change",
        abstract: "Submit change requests and vote on them (change control).",
        subcommands: [Request.self, Vote.self])

    /// `pmoctl change request <file>`: validates and publishes change requests.
    struct Request: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate and publish change requests (pmo.change.request.submitted.v1) from a JSON or YAML file; submittedAt defaults to now.")

        @Argument(help: "The request file (one request or an array), or - for standard input.")
        var file: String

        @OptionGroup var publishing: PublishingOptions

        func run() async throws {
            try await Reporting.run {
                let document = try ReferenceDocument.stamped(EventDocument.read(file), field: "submittedAt")
                try await Reporting.publish(document, type: ChangeRequestSubmitted.eventType, options: publishing)
            }
        }
    }

    /// `pmoctl change vote <project> <request> <approve|reject|revise> --voter <person>`.
    struct Vote: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Cast a vote on a change request revision: a CCB member's, or the deciding vote of the PM (within tolerance) or of the sponsor (after an escalation).")

        @Argument(help: "The project, e.g. PRJ-2026-101.")
        var project: String

        @Argument(help: "The change request, e.g. CR-2026-201.")
        var request: String

        @Argument(help: "approve, reject or revise.")
        var vote: String

        @Option(help: "Who votes (a person of the roster).")
        var voter: String

        @Option(help: "The request revision voted on.")
        var revision: Int = 1

        @Option(help: "The voter's comments.")
        var comments: String?

        @OptionGroup var publishing: PublishingOptions

        func run() async throws {
            try await Reporting.run {
                let document = try Self.document(project: project, request: request, vote: vote, voter: voter,
                                                 revision: revision, comments: comments)
                try await Reporting.publish(document, type: VoteCast.eventType, options: publishing)
            }
        }

        /// The vote as an event document, cast now; `Reporting.publish` checks it like any other.
        static func document(project: String, request: String, vote: String, voter: String, revision: Int,
                             comments: String?, now: Date = Date()) throws -> EventDocument {
            var object: [String: Any] = [
                "projectId": project, "changeRequestId": request, "changeRequestRevision": revision,
                "voter": voter, "vote": vote, "castAt": RFC3339.format(now),
            ]
            if let comments { object["comments"] = comments }
            return EventDocument(events: [try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])],
                                 origin: "the vote of \(voter) on \(request) r\(revision)")
        }
    }
}
