import ArgumentParser
import Foundation
import PMOModel

/// `pmoctl policy load <file>`: publishes a version of the PMO policy.
struct PolicyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy", abstract: "Publish the PMO policy (reference data), or see what a candidate would change.",
        subcommands: [Load.self, PolicySimulation.self])

    struct Load: ReferenceLoadCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate and publish a policy from a YAML or JSON file (publishedAt defaults to now).")

        @Argument(help: "The policy file, YAML or JSON (e.g. examples/policy.yaml), or - for standard input.")
        var file: String

        @OptionGroup var publishing: PublishingOptions

        static let eventType = PolicyPublished.eventType
    }
}

/// `pmoctl roster load <file>`: publishes a version of the roster.
struct RosterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "roster", abstract: "Publish the roster of people, roles and capacities (reference data).",
        subcommands: [Load.self])

    struct Load: ReferenceLoadCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate and publish a roster from a YAML or JSON file (publishedAt defaults to now).")

        @Argument(help: "The roster file, YAML or JSON (e.g. examples/roster.yaml), or - for standard input.")
        var file: String

        @OptionGroup var publishing: PublishingOptions

        static let eventType = RosterPublished.eventType
    }
}

/// `pmoctl <policy|roster> load <file>`: validates and publishes one kind of reference data.
protocol ReferenceLoadCommand: AsyncParsableCommand {
    /// The event type of the reference data.
    static var eventType: String { get }
    /// The file to read, or `-`.
    var file: String { get }
    /// Source, dry run and connection.
    var publishing: PublishingOptions { get }
}

extension ReferenceLoadCommand {
    func run() async throws {
        try await Reporting.run {
            let document = try ReferenceDocument.stamped(EventDocument.read(file), field: "publishedAt")
            try await Reporting.publish(document, type: Self.eventType, options: publishing)
        }
    }
}

/// Reference documents written by hand may leave out when they were published.
public enum ReferenceDocument {
    /// `document` with `field` set to `now` (RFC 3339) in every event that lacks it.
    public static func stamped(_ document: EventDocument, field: String, now: Date = Date()) throws -> EventDocument {
        var stamped = document
        stamped.events = try document.events.map { data in
            guard var object = try JSONSerialization.jsonObject(with: data) as? [String: Any], object[field] == nil else {
                return data
            }
            object[field] = RFC3339.format(now)
            return try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        }
        return stamped
    }
}
