import Foundation
import Logging
import OTel
import ServiceLifecycle
import Tracing

/// Sends a PMO executable's spans over OTLP/HTTP to a collector (Jaeger, an OpenTelemetry
/// Collector, a vendor's endpoint) with swift-otel, when an endpoint is configured. Only traces
/// are exported: logs go to standard output and metrics to `/metrics`, as before.
///
/// The endpoint is the collector's base URL (`http://jaeger:4318`; spans go to its
/// `/v1/traces`), from `--otlp-endpoint` or the OpenTelemetry variables
/// `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` and `OTEL_EXPORTER_OTLP_ENDPOINT`. The other standard
/// variables apply as swift-otel reads them: `OTEL_EXPORTER_OTLP_PROTOCOL` (`http/protobuf` by
/// default, or `http/json`), `OTEL_EXPORTER_OTLP_HEADERS` (credentials), `OTEL_TRACES_SAMPLER`
/// and its argument, `OTEL_BSP_*` (batching), `OTEL_SERVICE_NAME`, `OTEL_RESOURCE_ATTRIBUTES`.
public enum TraceExport {
    /// The environment variables that name a collector, in the order they win.
    static let endpointVariables = ["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "OTEL_EXPORTER_OTLP_ENDPOINT"]

    /// The configured endpoint: the flag, else the OpenTelemetry variables; nil means no export.
    static func endpoint(flag: String?, environment: [String: String]) -> String? {
        if let flag, !flag.isEmpty { return flag }
        return endpointVariables.lazy.compactMap { environment[$0] }.first { !$0.isEmpty }
    }

    /// Starts exporting when an endpoint is configured: the process's instrumentation is
    /// bootstrapped with swift-otel's tracer (W3C trace context), and the tracing to give the
    /// runtime and the exporter's service are returned. Run the service in the executable's group,
    /// started before and stopped after what makes spans, so that the last spans are flushed.
    /// Returns nil (tracing off, context carried through) when no endpoint is configured.
    ///
    /// - Parameters:
    ///   - service: `service.name` of the spans (`OTEL_SERVICE_NAME` overrides it).
    ///   - instance: `service.instance.id`.
    ///   - flag: `--otlp-endpoint`, which wins over the variables.
    public static func start(service: String, instance: String, flag: String?,
                             logger: Logger) throws -> (tracing: EventTracing, exporter: any Service)? {
        let environment = ProcessInfo.processInfo.environment
        guard let endpoint = endpoint(flag: flag, environment: environment) else { return nil }
        if let flag, !flag.isEmpty {
            // swift-otel lets its environment variables win over the configuration; make them
            // agree with the flag. This runs at start, before any thread that reads the environment.
            for variable in endpointVariables { unsetenv(variable) }
            setenv("OTEL_EXPORTER_OTLP_ENDPOINT", flag, 1)
        }
        var configuration = OTel.Configuration.default
        configuration.serviceName = service
        configuration.resourceAttributes["service.instance.id"] = instance
        configuration.resourceAttributes["service.namespace"] = "pmo"
        configuration.logs.enabled = false
        configuration.metrics.enabled = false
        configuration.traces.enabled = true
        configuration.traces.exporter = .otlp
        configuration.diagnosticLogger = .custom(logger)
        configuration.diagnosticLogLevel = .warning
        let backend = try OTel.makeTracingBackend(configuration: configuration)
        InstrumentationSystem.bootstrap(backend.factory)
        logger.info("exporting traces over OTLP", metadata: ["otel.endpoint": "\(endpoint)"])
        return (EventTracing(tracer: backend.factory), backend.service)
    }
}
