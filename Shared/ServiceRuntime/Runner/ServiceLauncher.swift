import Foundation
import Kafka
import Logging
import ServiceLifecycle

/// Starts a service instance the way every PMO executable does: checks librdkafka, builds the
/// runtime configuration from the options, and runs the processing loop and the operations
/// endpoint in one service group that stops gracefully on SIGTERM or SIGINT.
public enum ServiceLauncher {
    /// Runs `processor` until shutdown. Throws (so the process exits non-zero) on a fatal error.
    ///
    /// - Parameter companions: services that run next to the processor in the same group (a
    ///   second stage such as monitoring's portfolio summary), made from the runner's status and
    ///   the runtime configuration. They are started after the processor and stopped before it;
    ///   when one ends or fails, the whole instance shuts down gracefully (and a failure makes
    ///   the process exit non-zero).
    public static func run<Processor: EventProcessor>(
        _ processor: Processor, options: RuntimeOptions, defaultHTTPPort: Int, logger: Logger,
        companions: (RuntimeStatus, RuntimeConfiguration) -> [any Service] = { _, _ in [] }
    ) async throws {
        try Librdkafka.checkVersion()
        let configuration = try options.runtimeConfiguration(service: processor.name, logger: logger)
        let traces = try TraceExport.start(service: "pmo-\(processor.name)", instance: configuration.instanceID,
                                           flag: options.otlpEndpoint, logger: logger)
        let runner = ServiceRunner(processor: processor, configuration: configuration, logger: logger,
                                   tracing: traces?.tracing ?? .off)
        let endpoint = OperationsEndpoint.application(
            host: options.httpHost, port: options.resolvedHTTPPort(default: defaultHTTPPort),
            status: runner.status, metrics: runner.metrics, logger: logger)
        logger.info("starting", metadata: [
            "pmo.service": "\(processor.name)", "pmo.instance": "\(configuration.instanceID)",
            "kafka.bootstrap": "\(configuration.kafka.bootstrapServers)", "kafka.group": "\(configuration.groupID)",
            "librdkafka": "\(Librdkafka.versionString)",
        ])
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(
            // The exporter starts first and stops last, after the runner's final spans.
            services: (traces.map { [.init(service: $0.exporter)] } ?? []) + [
                .init(service: endpoint),
                .init(service: runner, successTerminationBehavior: .gracefullyShutdownGroup,
                      failureTerminationBehavior: .gracefullyShutdownGroup),
            ] + companions(runner.status, configuration).map {
                ServiceGroupConfiguration.ServiceConfiguration(service: $0, successTerminationBehavior: .gracefullyShutdownGroup,
                      failureTerminationBehavior: .gracefullyShutdownGroup)
            },
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger
        ))
        try await group.run()
    }
}
