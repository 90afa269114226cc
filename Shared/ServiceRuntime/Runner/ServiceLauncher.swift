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
    @inlinable public static func run<Processor: EventProcessor>(
        _ processor: Processor, options: RuntimeOptions, defaultHTTPPort: Int, logger: Logger,
        companions: (RuntimeStatus, RuntimeConfiguration) -> [any Service] = { _, _ in [] }
    ) async throws {
        // The runner is made here, where the processor's type is known, and handed on as a
        // closure: the compiler then specialises the runner and its processing loop for that type.
        try await launch(name: processor.name, options: options, defaultHTTPPort: defaultHTTPPort, logger: logger,
                         companions: companions) { configuration, tracing in
            let runner = ServiceRunner(processor: processor, configuration: configuration, logger: logger, tracing: tracing)
            return ProcessorService(run: { try await runner.run() }, status: runner.status, metrics: runner.metrics)
        }
    }

    /// ``run(_:options:defaultHTTPPort:logger:companions:)`` for any processor: everything but
    /// making the runner, which `makeRunner` does.
    @usableFromInline static func launch(
        name: String, options: RuntimeOptions, defaultHTTPPort: Int, logger: Logger,
        companions: (RuntimeStatus, RuntimeConfiguration) -> [any Service],
        makeRunner: (RuntimeConfiguration, EventTracing) -> ProcessorService
    ) async throws {
        try Librdkafka.checkVersion()
        let configuration = try options.runtimeConfiguration(service: name, logger: logger)
        let traces = try TraceExport.start(service: "pmo-\(name)", instance: configuration.instanceID,
                                           flag: options.otlpEndpoint, logger: logger)
        let runner = makeRunner(configuration, traces?.tracing ?? .off)
        let endpoint = OperationsEndpoint.application(
            host: options.httpHost, port: options.resolvedHTTPPort(default: defaultHTTPPort),
            status: runner.status, metrics: runner.metrics, logger: logger)
        logger.info("starting", metadata: [
            "pmo.service": "\(name)", "pmo.instance": "\(configuration.instanceID)",
            "kafka.bootstrap": "\(configuration.kafka.bootstrapServers)", "kafka.group": "\(configuration.groupID)",
            "librdkafka": "\(Librdkafka.versionString)", "pmo.allocator": "\(MemoryAllocator.name)",
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

/// A service's runner as the service group runs it: a closure made in
/// ``ServiceLauncher/run(_:options:defaultHTTPPort:logger:companions:)``, where the processor's
/// type is known, so that the compiler specialises the runner and its loop for that type (handed
/// to the group as itself, the generic runner would run unspecialised), with the runner's status
/// and metrics for the operations endpoint.
@usableFromInline struct ProcessorService: Service {
    @usableFromInline let body: @Sendable () async throws -> Void
    @usableFromInline let status: RuntimeStatus
    @usableFromInline let metrics: RuntimeMetrics

    @inlinable init(run body: @escaping @Sendable () async throws -> Void, status: RuntimeStatus, metrics: RuntimeMetrics) {
        self.body = body
        self.status = status
        self.metrics = metrics
    }

    @usableFromInline func run() async throws { try await body() }
}
