import ArgumentParser
import Foundation
import Gateway
import GatewayServer
import Hummingbird
import Kafka
import Logging
import ServiceLifecycle
import ServiceRuntime

/// `pmo-gateway`: publishes PMO events that upstream systems send over HTTP (CloudEvents in
/// binary, structured or batch mode, or a bare event), each validated against its contract,
/// authorised by a token, acknowledged by the broker before the 202, and idempotent on retries.
@main
struct GatewayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pmo-gateway",
        abstract: "The PMO's HTTP ingress: validated, authenticated, idempotent publishing of upstream events.",
        discussion: """
            POST /v1/events (CloudEvents: binary mode with ce-* headers, application/cloudevents+json, \
            application/cloudevents-batch+json) or POST /v1/events/{type} (the bare event; its id from an \
            Idempotency-Key header), with Authorization: Bearer <token>. Tokens are granted in the tokens file \
            (SHA-256 of each token, its ce_source, its event types, its rate). /healthz, /readyz and /metrics \
            need no token. Default port 8090, on 127.0.0.1: put TLS in a reverse proxy in front.
            """)

    @OptionGroup var edge: EdgeOptions

    @Option(help: "The grants file: a `tokens:` list of name, tokenSHA256, source, eventTypes, eventsPerSecond, burst (env: PMO_GATEWAY_TOKENS_FILE).")
    var tokensFile: String?

    @Option(help: "The largest request body in bytes; larger ones get 413 (env: PMO_GATEWAY_MAX_BODY_BYTES).")
    var maxBodyBytes: Int = env("PMO_GATEWAY_MAX_BODY_BYTES").flatMap(Int.init) ?? 1 << 20

    @Option(help: "The most events in one batch (env: PMO_GATEWAY_MAX_BATCH_EVENTS).")
    var maxBatchEvents: Int = env("PMO_GATEWAY_MAX_BATCH_EVENTS").flatMap(Int.init) ?? 1000

    @Option(help: "A token's average events per second unless its grant sets one; 429 beyond (env: PMO_GATEWAY_EVENTS_PER_SECOND).")
    var eventsPerSecond: Double = env("PMO_GATEWAY_EVENTS_PER_SECOND").flatMap(Double.init) ?? 500

    @Option(help: "A token's burst unless its grant sets one (env: PMO_GATEWAY_BURST).")
    var burst: Int = env("PMO_GATEWAY_BURST").flatMap(Int.init) ?? 1000

    @Option(help: "Seconds a published event is remembered, so that a retry with the same source and id is answered again (env: PMO_GATEWAY_IDEMPOTENCY_WINDOW_S).")
    var idempotencyWindowS: Double = env("PMO_GATEWAY_IDEMPOTENCY_WINDOW_S").flatMap(Double.init) ?? 86_400

    @Option(help: "The most published events remembered for retries (env: PMO_GATEWAY_IDEMPOTENCY_CAPACITY).")
    var idempotencyCapacity: Int = env("PMO_GATEWAY_IDEMPOTENCY_CAPACITY").flatMap(Int.init) ?? 200_000

    @Option(help: "Milliseconds the broker has to acknowledge an event before the request gets 503 (env: PMO_GATEWAY_DELIVERY_TIMEOUT_MS).")
    var deliveryTimeoutMs: Int = env("PMO_GATEWAY_DELIVERY_TIMEOUT_MS").flatMap(Int.init) ?? 10_000

    @Option(help: "Milliseconds between checks that the broker is reachable and the topics exist (env: PMO_GATEWAY_BROKER_CHECK_MS).")
    var brokerCheckMs: Int = env("PMO_GATEWAY_BROKER_CHECK_MS").flatMap(Int.init) ?? 2_000

    func validate() throws {
        guard maxBodyBytes > 0, maxBatchEvents > 0, eventsPerSecond > 0, burst > 0, idempotencyWindowS > 0,
              idempotencyCapacity > 0, deliveryTimeoutMs > 0, brokerCheckMs > 0 else {
            throw ValidationError("every limit, rate, window and timeout must be positive")
        }
    }

    func run() async throws {
        let runtime = edge.runtimeOptions
        let logger = runtime.startLogging(label: "pmo.gateway")
        try Librdkafka.checkVersion()

        guard let path = tokensFile ?? env("PMO_GATEWAY_TOKENS_FILE") else {
            throw ValidationError("--tokens-file (or PMO_GATEWAY_TOKENS_FILE) is required: without grants nobody could publish")
        }
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ValidationError("cannot read the tokens file \(path): \(error.localizedDescription)")
        }
        let grants: UpstreamGrants
        do {
            grants = try UpstreamGrants(yaml: text)
        } catch {
            throw ValidationError("\(path): \(error)")
        }
        let limits = GatewayLimits(maxBodyBytes: maxBodyBytes, maxBatchEvents: maxBatchEvents, eventsPerSecond: eventsPerSecond,
                                   burst: burst, idempotencyWindowSeconds: idempotencyWindowS,
                                   idempotencyCapacity: idempotencyCapacity,
                                   // Two broker checks: by then the next check has seen the broker again, or not.
                                   unavailableRetryAfterSeconds: max(1, Int((Double(brokerCheckMs) * 2 / 1000).rounded(.up))))
        let kafka = try runtime.kafkaConfiguration(logger: logger)
        let traces = try TraceExport.start(service: "pmo-gateway", instance: ProcessInfo.processInfo.hostName,
                                           flag: edge.otlpEndpoint, logger: logger)
        let publishing = try KafkaEventPublishing(configuration: kafka, deliveryTimeout: .milliseconds(deliveryTimeoutMs),
                                                  tracing: traces?.tracing ?? .off, logger: logger)
        let metrics = GatewayMetrics()
        let desk = GatewayDesk(publishing: publishing, limits: limits, metrics: metrics, logger: logger)
        let router = GatewayApplication.router(desk: desk, grants: grants, publishing: publishing, limits: limits, metrics: metrics,
                                               traced: traces != nil)
        let application = GatewayApplication.application(host: edge.httpHost, port: edge.resolvedHTTPPort(default: 8090),
                                                         router: router, logger: logger)
        logger.info("starting", metadata: [
            "pmo.service": "gateway", "kafka.bootstrap": "\(kafka.bootstrapServers)", "tokens": "\(grants.grants.map(\.name))",
            "librdkafka": "\(Librdkafka.versionString)",
        ])
        let watch = BrokerWatch(publishing: publishing, interval: .milliseconds(brokerCheckMs),
                                timeout: .milliseconds(max(500, min(brokerCheckMs, 5_000))))
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(
            // The exporter starts first and stops last, after the final requests' spans.
            services: (traces.map { [.init(service: $0.exporter)] } ?? []) + [
                .init(service: watch),
                .init(service: application, successTerminationBehavior: .gracefullyShutdownGroup,
                      failureTerminationBehavior: .gracefullyShutdownGroup),
            ],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger))
        try await group.run()
        await publishing.close(timeout: .seconds(10))
    }
}

/// The broker check of ``KafkaEventPublishing`` as a service of the group, cancelled at shutdown.
struct BrokerWatch: Service {
    let publishing: KafkaEventPublishing
    let interval: Duration
    let timeout: Duration

    func run() async throws {
        await cancelWhenGracefulShutdown {
            await publishing.watch(every: interval, timeout: timeout)
        }
    }
}

private func env(_ name: String) -> String? {
    ProcessInfo.processInfo.environment[name].flatMap { $0.isEmpty ? nil : $0 }
}
