import Prometheus

/// The gateway's metrics, in its own Prometheus registry, rendered on `/metrics`:
/// `pmo_gateway_requests_total{status}`, `pmo_gateway_events_published_total{type}`,
/// `pmo_gateway_events_replayed_total{type}` (retries answered from the ledger) and
/// `pmo_gateway_refused_total{reason}` (each ``SubmissionProblem/Kind``: `too-large`,
/// `rate-limited`, `unauthenticated`, …).
public final class GatewayMetrics: Sendable {
    /// The registry `/metrics` renders.
    public let registry = PrometheusCollectorRegistry()

    public init() {}

    /// Counts one answered request.
    public func request(status: Int) {
        registry.makeCounter(name: "pmo_gateway_requests_total", labels: [("status", String(status))]).increment()
    }

    /// Counts one refused request.
    public func refused(_ reason: String) {
        registry.makeCounter(name: "pmo_gateway_refused_total", labels: [("reason", reason)]).increment()
    }

    /// Counts one event acknowledged by the broker.
    public func published(_ eventType: String) {
        registry.makeCounter(name: "pmo_gateway_events_published_total", labels: [("type", eventType)]).increment()
    }

    /// Counts one retried event answered with its first receipt.
    public func replayed(_ eventType: String) {
        registry.makeCounter(name: "pmo_gateway_events_replayed_total", labels: [("type", eventType)]).increment()
    }

    /// The Prometheus text.
    public func render() -> [UInt8] {
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return buffer
    }
}
