import ArgumentParser
import Foundation
import Kafka
import Logging

/// The command-line flags every service shares. Each flag also reads an environment variable,
/// so the same image is configured with flags locally and with env vars under Kubernetes.
/// Any librdkafka property passes through: `--kafka-property name=value` (repeatable),
/// `--kafka-config-file FILE` (Java-style properties), or `KAFKA_<NAME>` variables
/// (`KAFKA_SECURITY_PROTOCOL=SASL_SSL` sets `security.protocol`).
public struct RuntimeOptions: ParsableArguments, Sendable {
    @Option(help: "Kafka bootstrap servers, host:port[,host:port…] (env: KAFKA_BOOTSTRAP_SERVERS).")
    public var bootstrapServers: String = env("KAFKA_BOOTSTRAP_SERVERS") ?? "127.0.0.1:9092"

    @Option(help: "This instance's id, unique per service (env: PMO_INSTANCE_ID; default: the host name).")
    public var instanceId: String = env("PMO_INSTANCE_ID") ?? ProcessInfo.processInfo.hostName

    @Option(help: "Consumer group; also the prefix of the transactional ids (env: PMO_GROUP_ID; default: pmo-<service>).")
    public var groupId: String?

    @Option(help: "Host of the health and metrics endpoint (env: PMO_HTTP_HOST).")
    public var httpHost: String = env("PMO_HTTP_HOST") ?? "0.0.0.0"

    @Option(help: "Port of the health and metrics endpoint; 0 picks a free one (env: PMO_HTTP_PORT).")
    public var httpPort: Int?

    @Option(help: "Records taken from the consumer per poll (env: PMO_POLL_RECORDS).")
    public var pollRecords: Int = env("PMO_POLL_RECORDS").flatMap(Int.init) ?? RuntimeConfiguration.defaultPollRecords

    @Option(help: "Commit a partition's transaction after this many input records (env: PMO_COMMIT_RECORDS).")
    public var commitRecords: Int = env("PMO_COMMIT_RECORDS").flatMap(Int.init) ?? RuntimeConfiguration.defaultCommitRecords

    @Option(help: "…or once it has been open this many milliseconds (env: PMO_COMMIT_INTERVAL_MS).")
    public var commitIntervalMs: Int = env("PMO_COMMIT_INTERVAL_MS").flatMap(Int.init)
        ?? Int(RuntimeConfiguration.defaultCommitInterval.wholeMilliseconds)

    @Option(help: "Seconds between runs of time-driven work such as reminders (env: PMO_TICK_INTERVAL_S).")
    public var tickIntervalS: Double = env("PMO_TICK_INTERVAL_S").flatMap(Double.init) ?? 30

    @Option(help: "Seconds a graceful shutdown may take (env: PMO_SHUTDOWN_TIMEOUT_S).")
    public var shutdownTimeoutS: Double = env("PMO_SHUTDOWN_TIMEOUT_S").flatMap(Double.init) ?? 30

    @Option(help: "The broker aborts a transaction left open this long; commits are retried for less (env: PMO_TRANSACTION_TIMEOUT_MS).")
    public var transactionTimeoutMs: Int = env("PMO_TRANSACTION_TIMEOUT_MS").flatMap(Int.init) ?? 60000

    @Option(help: "Timeout of each transactional call: commit, abort, send offsets (env: PMO_CALL_TIMEOUT_MS).")
    public var callTimeoutMs: Int = env("PMO_CALL_TIMEOUT_MS").flatMap(Int.init) ?? 10000

    @Option(help: "/healthz fails when a partition with records to process has not committed for this long (env: PMO_STALL_TIMEOUT_S).")
    public var stallTimeoutS: Double = env("PMO_STALL_TIMEOUT_S").flatMap(Double.init) ?? 120

    @Option(help: "How long the merge order waits for a lagging co-partitioned input (env: PMO_MAX_TASK_IDLE_MS).")
    public var maxTaskIdleMs: Int = env("PMO_MAX_TASK_IDLE_MS").flatMap(Int.init) ?? 500

    @Option(name: .customLong("kafka-property"), help: "A librdkafka property name=value, for SASL, TLS and tuning (repeatable).")
    public var kafkaProperties: [String] = []

    @Option(help: "A file of librdkafka properties, one name=value per line (env: KAFKA_CONFIG_FILE).")
    public var kafkaConfigFile: String?

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical (env: PMO_LOG_LEVEL).")
    public var logLevel: String = env("PMO_LOG_LEVEL") ?? "info"

    @Option(help: "Send spans over OTLP/HTTP to this collector, e.g. http://jaeger:4318 (env: OTEL_EXPORTER_OTLP_ENDPOINT; the other OTEL_* variables apply; default: no export).")
    public var otlpEndpoint: String?

    @Flag(inversion: .prefixedNo, help: "Create missing topics from the topic catalog at start.")
    public var createTopics: Bool = true

    @Flag(inversion: .prefixedNo, help: """
        Decode consumed records on a second thread while they wait to be applied (off: the loop \
        decodes each record itself, as on a single core; env: PMO_DECODE_AHEAD=false).
        """)
    public var decodeAhead: Bool = env("PMO_DECODE_AHEAD").map { $0 != "false" && $0 != "0" } ?? true

    public init() {}

    /// The Kafka configuration: bootstrap servers, then the environment, the properties file and
    /// the flags, each overriding the one before.
    public func kafkaConfiguration(logger: Logger) throws -> KafkaConfiguration {
        let (fromEnvironment, ignored) = KafkaConfiguration.environmentProperties(ProcessInfo.processInfo.environment)
        if !ignored.isEmpty {
            logger.notice("environment variables that are no librdkafka property were ignored", metadata: ["variables": "\(ignored)"])
        }
        var configuration = KafkaConfiguration(bootstrapServers: bootstrapServers).merging(fromEnvironment)
        configuration["bootstrap.servers"] = bootstrapServers
        if let kafkaConfigFile = kafkaConfigFile ?? Self.env("KAFKA_CONFIG_FILE") {
            let text: String
            do {
                text = try String(contentsOfFile: kafkaConfigFile, encoding: .utf8)
            } catch {
                throw ValidationError("cannot read the Kafka properties file \(kafkaConfigFile): \(error.localizedDescription)")
            }
            configuration = configuration.merging(try KafkaConfiguration.parseProperties(text.split(separator: "\n")))
        }
        return configuration.merging(try KafkaConfiguration.parseProperties(kafkaProperties))
    }

    /// The runtime configuration for `service`.
    public func runtimeConfiguration(service: String, logger: Logger) throws -> RuntimeConfiguration {
        guard pollRecords > 0 else { throw ValidationError("--poll-records must be positive") }
        guard commitRecords > 0 else { throw ValidationError("--commit-records must be positive") }
        guard commitIntervalMs > 0 else { throw ValidationError("--commit-interval-ms must be positive") }
        guard callTimeoutMs > 0, transactionTimeoutMs > callTimeoutMs else {
            throw ValidationError("--transaction-timeout-ms must be longer than --call-timeout-ms, which must be positive")
        }
        guard stallTimeoutS > 0 else { throw ValidationError("--stall-timeout-s must be positive") }
        guard maxTaskIdleMs >= 0 else { throw ValidationError("--max-task-idle-ms must not be negative") }
        return RuntimeConfiguration(
            kafka: try kafkaConfiguration(logger: logger),
            instanceID: instanceId,
            groupID: groupId ?? Self.env("PMO_GROUP_ID") ?? "pmo-\(service)",
            pollRecords: pollRecords,
            commitRecords: commitRecords,
            commitInterval: .milliseconds(commitIntervalMs),
            tickInterval: .milliseconds(Int64(tickIntervalS * 1000)),
            transactionTimeout: .milliseconds(transactionTimeoutMs),
            callTimeout: .milliseconds(callTimeoutMs),
            shutdownTimeout: .milliseconds(Int64(shutdownTimeoutS * 1000)),
            createTopics: createTopics,
            decodesAhead: decodeAhead,
            stallLimit: .milliseconds(Int64(stallTimeoutS * 1000)),
            maximumTaskIdle: .milliseconds(maxTaskIdleMs)
        )
    }

    /// The HTTP port: the flag, `PMO_HTTP_PORT`, or the service's default.
    public func resolvedHTTPPort(default port: Int) -> Int {
        httpPort ?? Self.env("PMO_HTTP_PORT").flatMap(Int.init) ?? port
    }

    /// The log level named by `--log-level`.
    public var resolvedLogLevel: Logger.Level {
        Logger.Level(rawValue: logLevel.lowercased()) ?? .info
    }

    /// What every service executable does first: checks librdkafka (exiting when it is too old)
    /// and sends logs to standard error at `--log-level`; returns the service's logger.
    public func startLogging(label: String) -> Logger {
        Librdkafka.requireSupportedVersion()
        let level = resolvedLogLevel
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        return Logger(label: label)
    }

    /// The environment variable `name`, `nil` when it is unset or empty.
    public static func env(_ name: String) -> String? {
        ProcessInfo.processInfo.environment[name].flatMap { $0.isEmpty ? nil : $0 }
    }
}

private func env(_ name: String) -> String? { RuntimeOptions.env(name) }
