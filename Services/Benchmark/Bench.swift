import ArgumentParser
import Foundation
import Kafka
import Logging
import PMOModel
#if canImport(Glibc)
import Glibc
#endif

/// The executables the benchmark starts.
struct Tools {
    let bench: URL
    let counter: URL
    let reference: URL
}

/// A perf profile to record of a process under test.
struct PerfRequest {
    let output: String
    let callGraph: String
}

/// The benchmark's runs. Each run uses fresh topics and a fresh consumer group, and deletes its
/// topics afterwards so that the broker holds about the same data for every run.
struct Bench {
    let kafka: KafkaConfiguration
    let keys: Int
    let tools: Tools
    let policy: CommitPolicy
    let counterArgs: [String]
    let referenceArgs: [String]
    let brokerPID: Int32?
    let logger: Logger
    let partitions: Int32 = 6

    struct Topics {
        let name: String
        let input: String
        let output: String
        /// The changelog of the counter and of the C exactly-once reference.
        var changelog: String { "pmo.\(name).changelog" }
        /// The counter's dead letters.
        var deadLetters: String { "pmo.\(name).dlq" }
        var all: [String] { [input, output, changelog, deadLetters] }
    }

    var servers: String { kafka.bootstrapServers }

    func freshTopics(_ label: String, changelog: Bool = false) async throws -> Topics {
        let suffix = UUID().uuidString.prefix(8).lowercased()
        let topics = Topics(name: "bench-\(label)-\(suffix)", input: "bench.\(label).\(suffix).in", output: "bench.\(label).\(suffix).out")
        let admin = try KafkaAdmin(configuration: kafka, logger: logger)
        var new = [NewTopic(name: topics.input, partitions: partitions), NewTopic(name: topics.output, partitions: partitions)]
        if changelog {
            new.append(NewTopic(name: topics.changelog, partitions: partitions, configs: ["cleanup.policy": "compact"]))
        }
        try await admin.createTopics(new)
        return topics
    }

    /// Deletes the run's topics (those that exist); a failure is only reported.
    func deleteTopics(_ topics: Topics) async {
        // Kept for a look afterwards when PMO_BENCH_KEEP_TOPICS=1.
        if ProcessInfo.processInfo.environment["PMO_BENCH_KEEP_TOPICS"] == "1" { return }
        let admin = try? KafkaAdmin(configuration: kafka, logger: logger)
        let existing = Set((try? await admin?.listTopics())?.map(\.name) ?? topics.all)
        let names = topics.all.filter(existing.contains)
        guard !names.isEmpty else { return }
        do {
            _ = try await ChildProcess.run(tools.reference, ["delete", "--brokers", servers] + names.flatMap { ["--topic", $0] },
                                           name: "delete", timeout: .seconds(60))
        } catch {
            logger.warning("could not delete the run's topics: \(error)")
        }
    }

    /// Starts `target` on `topics`.
    func start(_ target: Target, _ topics: Topics) throws -> ChildProcess {
        switch target {
        case .cRaw:
            return try ChildProcess(tools.reference, ["raw", "--brokers", servers, "--group", topics.name, "--input", topics.input,
                                                      "--output", topics.output, "--poll-records", "500"] + referenceArgs,
                                    name: target.rawValue)
        case .cExactlyOnce, .cExactlyOnceByKey, .cExactlyOnceNoChangelog:
            return try ChildProcess(tools.reference, ["eos", "--brokers", servers, "--group", topics.name, "--input", topics.input,
                                                      "--output", topics.output, "--changelog", topics.changelog,
                                                      "--changelog-mode", target.changelogMode ?? "input"]
                                        + policy.referenceArguments + referenceArgs,
                                    name: target.rawValue)
        case .swiftRaw:
            return try ChildProcess(tools.bench, ["pass-through", "--bootstrap-servers", servers, "--group", topics.name,
                                                  "--input", topics.input, "--output", topics.output, "--poll-records", "500"],
                                    name: target.rawValue)
        case .swiftExactlyOnce:
            return try startCounter(topics)
        }
    }

    func startCounter(_ topics: Topics) throws -> ChildProcess {
        try ChildProcess(tools.counter, [
            "--name", topics.name, "--input-topic", topics.input, "--output-topic", topics.output,
            "--bootstrap-servers", kafka.bootstrapServers, "--group-id", topics.name, "--instance-id", "bench",
            "--http-port", "0", "--http-host", "127.0.0.1", "--kafka-property", "session.timeout.ms=6000",
            "--log-level", "info",
        ] + counterArgs, name: "counter")
    }
}

extension Sequence {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var result: [T] = []
        for element in self { result.append(try await transform(element)) }
        return result
    }
}
