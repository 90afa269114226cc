import ArgumentParser
import Foundation
import PMOModel

/// `pmoctl publish <event-type> <file>`: validates and publishes events.
struct PublishCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Validate events against their contract and publish them.",
        discussion: """
            The file (JSON or YAML; `-` reads standard input) holds one event or an array of events of \
            the given type. Every violation is printed with its JSON Pointer, and nothing is published \
            unless every event is valid. Valid events go to the catalog's topic for their type, keyed by \
            their record key, with CloudEvents headers (ce_source /pmoctl/<user> unless --source). \
            The events are checked as the services check them, against the same contracts as the \
            JSON Schemas in schemas/: unknown properties, missing or invalid fields and the rules \
            between fields are all reported.
            """)

    @Argument(help: "The event type, e.g. pmo.intake.proposal.submitted.v1 (a unique part such as proposal.submitted is enough).")
    var eventType: String

    @Argument(help: "The event file, JSON or YAML, or - for standard input.")
    var file: String

    @OptionGroup var publishing: PublishingOptions

    /// The `--source` given, if any.
    var source: String? { publishing.source }

    func run() async throws {
        try await Reporting.run {
            let type = try EventValidation.resolveType(eventType)
            let document = try EventDocument.read(file)
            try await Reporting.publish(document, type: type, options: publishing)
        }
    }
}

/// The flags of every command that publishes events: their CloudEvents source, whether to
/// publish at all, and the connection.
struct PublishingOptions: ParsableArguments {
    @Option(help: "The CloudEvents source (ce_source); default /pmoctl/<user>.")
    var source: String?

    @Flag(help: "Only validate; publish nothing.")
    var dryRun = false

    @OptionGroup var connection: ConnectionOptions
}

/// Shared steps of the commands: validating, publishing and reporting in plain words.
enum Reporting {
    /// Runs `body`, printing any failure in plain words and exiting with its status.
    static func run(_ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let error as ViolationReport {
            printError(error.description)
            throw ExitCode(2)
        } catch let error as PmoctlError {
            printError(error.description)
            throw ExitCode(error.exitCode)
        } catch let error as ExitCode {
            throw error
        } catch {
            printError(error.plainMessage)
            throw ExitCode(1)
        }
    }

    /// Validates `document` as `type` and publishes it (unless `--dry-run`).
    static func publish(_ document: EventDocument, type: String, options: PublishingOptions) async throws {
        let events = try EventValidation.check(document, type: type).get()
        if options.dryRun {
            printOut("\(document.origin): \(events.count) valid \(type) event\(events.count == 1 ? "" : "s"); nothing published (--dry-run)")
            return
        }
        let source = options.source ?? EventPublisher.defaultSource
        let publisher = EventPublisher(session: try ClusterSession(options.connection), source: source)
        for receipt in try await publisher.publish(events) {
            printOut("published \(receipt.eventType) \(receipt.key) to \(receipt.report.topic)[\(receipt.report.partition)]@\(receipt.report.offset) (ce_id \(receipt.id))")
        }
    }

    static func printOut(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    static func printError(_ line: String) {
        FileHandle.standardError.write(Data(("pmoctl: " + line + "\n").utf8))
    }
}
