import Foundation
import Kafka
import Logging
import PMOModel
import Testing

/// The broker the end-to-end test talks to: `KAFKA_BOOTSTRAP_SERVERS`, set by scripts/test.sh
/// (the same rule as Tests/KafkaTests/TestBroker.swift).
enum TestBroker {
    static var bootstrapServers: String? {
        ProcessInfo.processInfo.environment["KAFKA_BOOTSTRAP_SERVERS"].flatMap { $0.isEmpty ? nil : $0 }
    }

    static var isRequired: Bool { ProcessInfo.processInfo.environment["PMO_REQUIRE_BROKER"] == "1" }

    static var shouldRun: Bool { bootstrapServers != nil || isRequired }

    /// The configuration of the test's reader: fast group settings on the embedded broker.
    static func consumerConfiguration() throws -> KafkaConfiguration {
        guard let servers = bootstrapServers else {
            throw TestFailure("PMO_REQUIRE_BROKER=1 but KAFKA_BOOTSTRAP_SERVERS is not set: no broker to test against")
        }
        return KafkaConfiguration(bootstrapServers: servers, properties: [
            "topic.metadata.refresh.interval.ms": "2000", "session.timeout.ms": "6000", "heartbeat.interval.ms": "500",
        ])
    }

    /// The configuration of the test's producer.
    static func producerConfiguration() throws -> KafkaConfiguration {
        guard let servers = bootstrapServers else {
            throw TestFailure("PMO_REQUIRE_BROKER=1 but KAFKA_BOOTSTRAP_SERVERS is not set: no broker to test against")
        }
        return KafkaConfiguration(bootstrapServers: servers)
    }

    static let enabled = Testing.ConditionTrait.enabled(
        if: shouldRun,
        "no broker: set KAFKA_BOOTSTRAP_SERVERS, or run scripts/test.sh, which starts the embedded one")
}

let testLogger: Logger = {
    var logger = Logger(label: "intake-e2e") { StreamLogHandler.standardError(label: $0) }
    logger.logLevel = .warning
    return logger
}()

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// The directory of the built executables: `PMO_BIN_DIR` (set by scripts/test.sh) or `.build/debug`.
var binDirectory: URL {
    if let dir = ProcessInfo.processInfo.environment["PMO_BIN_DIR"], !dir.isEmpty {
        return URL(fileURLWithPath: dir)
    }
    return repositoryRoot.appendingPathComponent(".build/debug")
}

let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// A process started by the test, with its output in a log file; killed when stopped or dropped.
final class SpawnedProcess {
    let process = Process()
    let logURL: URL

    /// - Parameter environment: variables added to the test's own environment.
    init(_ executable: String, _ arguments: [String], name: String, environment: [String: String] = [:]) throws {
        let url = binDirectory.appendingPathComponent(executable)
        guard FileManager.default.isExecutableFile(atPath: url.path) else {
            throw TestFailure("\(url.path) is missing: build it first (swift build --product \(executable))")
        }
        logURL = FileManager.default.temporaryDirectory.appendingPathComponent("pmo-e2e-\(name)-\(UUID().uuidString.prefix(6)).log")
        _ = FileManager.default.createFile(atPath: logURL.path, contents: nil)
        let log = try FileHandle(forWritingTo: logURL)
        process.executableURL = url
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        process.currentDirectoryURL = repositoryRoot
        process.standardOutput = log
        process.standardError = log
        try process.run()
    }

    var output: String { (try? String(contentsOf: logURL, encoding: .utf8)) ?? "" }

    /// Runs `pmoctl` with `arguments` to completion; throws with its output when it fails.
    @discardableResult
    static func pmoctl(_ arguments: [String]) async throws -> String {
        let run = try SpawnedProcess("pmoctl", arguments, name: "pmoctl")
        let clock = ContinuousClock()
        let end = clock.now.advanced(by: .seconds(60))
        while run.process.isRunning, clock.now < end { try await Task.sleep(for: .milliseconds(50)) }
        run.stop()
        guard run.process.terminationReason == .exit, run.process.terminationStatus == 0 else {
            throw TestFailure("pmoctl \(arguments.joined(separator: " ")) failed:\n\(run.output)")
        }
        return run.output
    }

    /// Creates the topics and publishes the example policy and roster, as every end-to-end test
    /// needs before its services start.
    static func prepareBroker() async throws {
        try await pmoctl(["topics", "create"])
        try await pmoctl(["policy", "load", "examples/policy.yaml"])
        try await pmoctl(["roster", "load", "examples/roster.yaml"])
    }

    /// Starts the service `executable` (`pmo-intake`, `pmo-planning`) as instance `instance` of
    /// consumer group `group`, with an ephemeral operations port and quick group settings for the
    /// embedded broker, plus `arguments`.
    static func service(_ executable: String, group: String, instance: String, _ arguments: [String] = [],
                        environment: [String: String] = [:]) throws -> SpawnedProcess {
        try SpawnedProcess(executable, [
            "--http-port", "0", "--http-host", "127.0.0.1", "--group-id", group, "--instance-id", instance,
            "--kafka-property", "session.timeout.ms=6000", "--kafka-property", "heartbeat.interval.ms=500",
        ] + arguments, name: instance, environment: environment)
    }

    /// Stops the process gracefully (SIGTERM: a service commits and leaves its group), and kills
    /// it only if it has not exited within 15 s. A killed service would leave its open
    /// transactions on the shared PMO topics, and the embedded broker never times them out: every
    /// later `read_committed` reader of those partitions would wait behind them.
    func stop() {
        if process.isRunning { kill(process.processIdentifier, SIGTERM) }
        let deadline = Date().addingTimeInterval(15)
        while process.isRunning, Date() < deadline { usleep(50_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }
}
