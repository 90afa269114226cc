import CoreMetrics
import Foundation
import Prometheus
import Synchronization

/// The instance's metrics, in its own Prometheus registry (nothing global is configured):
/// records in and out per topic, dead letters, duplicates skipped, transactions committed and
/// aborted, end-to-end processing latency, consumer lag per partition and restore duration.
public final class RuntimeMetrics: Sendable {
    /// The registry `/metrics` renders.
    public let registry: PrometheusCollectorRegistry
    private let factory: PrometheusMetricsFactory
    private let counters = Mutex<[String: CoreMetrics.Counter]>([:])
    private let gauges = Mutex<[String: CoreMetrics.Gauge]>([:])
    private let service: String

    let committed: CoreMetrics.Counter
    let aborted: CoreMetrics.Counter
    let latency: CoreMetrics.Timer
    let restoreDuration: CoreMetrics.Timer

    public init(service: String) {
        registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = [
            .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
            .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(5), .seconds(10), .seconds(30),
        ]
        self.factory = factory
        self.service = service
        let dimensions = [("service", service)]
        committed = CoreMetrics.Counter(label: "pmo_transactions_total", dimensions: dimensions + [("result", "committed")], factory: factory)
        aborted = CoreMetrics.Counter(label: "pmo_transactions_total", dimensions: dimensions + [("result", "aborted")], factory: factory)
        latency = CoreMetrics.Timer(label: "pmo_processing_latency_seconds", dimensions: dimensions, factory: factory)
        restoreDuration = CoreMetrics.Timer(label: "pmo_restore_duration_seconds", dimensions: dimensions, factory: factory)
    }

    /// Counts one record read from `topic`.
    func recordIn(topic: String) { counter("pmo_records_in_total", [("topic", topic)]).increment() }
    /// Counts one record written to `topic`.
    func recordOut(topic: String) { counter("pmo_records_out_total", [("topic", topic)]).increment() }
    /// Counts one dead letter taken from `topic`.
    func deadLetter(topic: String, errorClass: String) {
        counter("pmo_dlq_records_total", [("topic", topic), ("error_class", errorClass)]).increment()
    }
    /// Counts one redelivered event skipped by deduplication.
    func duplicate(topic: String) { counter("pmo_duplicates_skipped_total", [("topic", topic)]).increment() }

    /// Sets the consumer lag of each partition from librdkafka's statistics JSON.
    func updateLag(fromStatistics json: String) {
        guard let data = json.data(using: .utf8),
              let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let topics = root["topics"] as? [String: Any] else { return }
        for (topic, value) in topics {
            guard let partitions = (value as? [String: Any])?["partitions"] as? [String: Any] else { continue }
            for (partition, details) in partitions {
                guard partition != "-1", let lag = (details as? [String: Any])?["consumer_lag"] as? Int, lag >= 0 else { continue }
                gauge("pmo_consumer_lag", [("topic", topic), ("partition", partition)]).record(lag)
            }
        }
    }

    /// The Prometheus text exposition of every metric.
    public func render() -> [UInt8] {
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return buffer
    }

    private func counter(_ label: String, _ dimensions: [(String, String)]) -> CoreMetrics.Counter {
        cached(counters, label, dimensions) { CoreMetrics.Counter(label: label, dimensions: $0, factory: factory) }
    }

    private func gauge(_ label: String, _ dimensions: [(String, String)]) -> CoreMetrics.Gauge {
        cached(gauges, label, dimensions) { CoreMetrics.Gauge(label: label, dimensions: $0, factory: factory) }
    }

    /// The metric called `label` with the service's and `dimensions`' labels, made once.
    private func cached<Metric>(_ cache: borrowing Mutex<[String: Metric]>, _ label: String, _ dimensions: [(String, String)],
                                make: ([(String, String)]) -> Metric) -> Metric {
        let all = [("service", service)] + dimensions
        let key = label + all.map { "|\($0.0)=\($0.1)" }.joined()
        return cache.withLock { metrics in
            if let metric = metrics[key] { return metric }
            let metric = make(all)
            metrics[key] = metric
            return metric
        }
    }
}
