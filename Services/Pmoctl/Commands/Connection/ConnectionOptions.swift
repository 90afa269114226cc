import ArgumentParser
import Foundation
import Kafka
import Logging

/// How pmoctl reaches the cluster: the same flags and environment variables as the services.
public struct ConnectionOptions: ParsableArguments, Sendable {
    @Option(help: "Kafka bootstrap servers, host:port[,host:port…] (env: KAFKA_BOOTSTRAP_SERVERS).")
    public var bootstrapServers: String = ConnectionOptions.env("KAFKA_BOOTSTRAP_SERVERS") ?? "127.0.0.1:9092"

    @Option(name: .customLong("kafka-property"), help: "A librdkafka property name=value, for SASL, TLS and tuning (repeatable).")
    public var kafkaProperties: [String] = []

    @Option(help: "A file of librdkafka properties, one name=value per line (env: KAFKA_CONFIG_FILE).")
    public var kafkaConfigFile: String?

    @Option(help: "Seconds to wait for the cluster before giving up.")
    public var timeout: Double = 10

    /// Options with the defaults (environment included).
    public init() {}

    /// The Kafka configuration: the environment (`KAFKA_*`), then the properties file, then the flags.
    public func kafkaConfiguration() throws -> KafkaConfiguration {
        let (fromEnvironment, _) = KafkaConfiguration.environmentProperties(ProcessInfo.processInfo.environment)
        var configuration = KafkaConfiguration(bootstrapServers: bootstrapServers).merging(fromEnvironment)
        configuration["bootstrap.servers"] = bootstrapServers
        if let file = kafkaConfigFile ?? Self.env("KAFKA_CONFIG_FILE") {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
                throw PmoctlError("cannot read the Kafka properties file \(file): check the path and its permissions", exitCode: 2)
            }
            configuration = configuration.merging(try parse(text.split(separator: "\n").map(String.init), from: file))
        }
        return configuration.merging(try parse(kafkaProperties, from: "--kafka-property"))
    }

    /// The timeout as a duration.
    public var timeoutDuration: Duration { .milliseconds(Int64(min(3600, max(0.1, timeout)) * 1000)) }

    private func parse(_ lines: [String], from origin: String) throws -> [String: String] {
        do {
            return try KafkaConfiguration.parseProperties(lines)
        } catch {
            throw PmoctlError("invalid Kafka property in \(origin): \(error.message); write name=value", exitCode: 2)
        }
    }

    static func env(_ name: String) -> String? {
        ProcessInfo.processInfo.environment[name].flatMap { $0.isEmpty ? nil : $0 }
    }
}

/// The clients one pmoctl command uses, with errors turned into plain words.
struct ClusterSession {
    let options: ConnectionOptions
    let configuration: KafkaConfiguration
    let logger: Logger

    init(_ options: ConnectionOptions) throws {
        self.options = options
        self.configuration = try options.kafkaConfiguration()
        self.logger = Logger(label: "pmoctl")
    }

    var servers: String { configuration.bootstrapServers }

    /// The cluster's topics, or a plain-words error when it cannot be reached.
    func topics() async throws -> [TopicMetadata] {
        do {
            let admin = try KafkaAdmin(configuration: configuration, logger: logger)
            return try await admin.listTopics(timeout: options.timeoutDuration)
        } catch {
            throw PmoctlError.kafka(error, servers: servers, while: "reading the cluster's topics")
        }
    }

    /// The metadata of `topic`, or an error saying it does not exist and how to create it.
    func requireTopic(_ topic: String) async throws -> TopicMetadata {
        guard let found = try await topics().first(where: { $0.name == topic }) else {
            throw PmoctlError("""
                topic \(topic) does not exist on \(servers).
                Create every catalog topic with `pmoctl topics create` (the services also create their topics when they start).
                """)
        }
        return found
    }
}

extension Error {
    /// The message of a thrown error without type names or stack traces.
    var plainMessage: String {
        if let error = self as? PmoctlError { return error.description }
        if let error = self as? KafkaError { return "\(error.name): \(error.message)" }
        return String(describing: self)
    }
}
