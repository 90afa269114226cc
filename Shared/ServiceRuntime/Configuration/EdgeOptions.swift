import ArgumentParser
import Foundation
import Kafka
import Logging

/// The options of the PMO's HTTP edge executables, the gateway and the dashboard: the Kafka
/// connection as the services take it, the address to listen on (127.0.0.1 unless told
/// otherwise: they face people and upstream systems, so TLS and exposure are a proxy's choice),
/// and the log level. Each reads its environment variable as the services' options do.
public struct EdgeOptions: ParsableArguments, Sendable {
    @Option(help: "Kafka bootstrap servers, host:port[,host:port…] (env: KAFKA_BOOTSTRAP_SERVERS).")
    public var bootstrapServers: String = RuntimeOptions.env("KAFKA_BOOTSTRAP_SERVERS") ?? "127.0.0.1:9092"

    @Option(help: "Address to listen on (env: PMO_HTTP_HOST).")
    public var httpHost: String = RuntimeOptions.env("PMO_HTTP_HOST") ?? "127.0.0.1"

    @Option(help: "Port to listen on; 0 picks a free one (env: PMO_HTTP_PORT; default: the executable's).")
    public var httpPort: Int?

    @Option(name: .customLong("kafka-property"), help: "A librdkafka property name=value, for SASL, TLS and tuning (repeatable).")
    public var kafkaProperties: [String] = []

    @Option(help: "A file of librdkafka properties, one name=value per line (env: KAFKA_CONFIG_FILE).")
    public var kafkaConfigFile: String?

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical (env: PMO_LOG_LEVEL).")
    public var logLevel: String = RuntimeOptions.env("PMO_LOG_LEVEL") ?? "info"

    @Option(help: "Send spans over OTLP/HTTP to this collector, e.g. http://jaeger:4318 (env: OTEL_EXPORTER_OTLP_ENDPOINT; the other OTEL_* variables apply; default: no export).")
    public var otlpEndpoint: String?

    public init() {}

    /// The port: the flag, `PMO_HTTP_PORT`, or the executable's `default`.
    public func resolvedHTTPPort(default port: Int) -> Int {
        httpPort ?? RuntimeOptions.env("PMO_HTTP_PORT").flatMap(Int.init) ?? port
    }

    /// The services' options with this connection and log level, for what they already do:
    /// ``RuntimeOptions/kafkaConfiguration(logger:)`` and ``RuntimeOptions/startLogging(label:)``.
    public var runtimeOptions: RuntimeOptions {
        var runtime = RuntimeOptions()
        runtime.bootstrapServers = bootstrapServers
        runtime.kafkaProperties = kafkaProperties
        runtime.kafkaConfigFile = kafkaConfigFile
        runtime.logLevel = logLevel
        runtime.otlpEndpoint = otlpEndpoint
        return runtime
    }
}
