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
    /// The counters every record touches, one per topic, found by the topic name alone.
    private let recordsIn: TopicCounters
    private let recordsOut: TopicCounters
    private let duplicates: TopicCounters

    let committed: CoreMetrics.Counter
    let aborted: CoreMetrics.Counter
    let latency: CoreMetrics.Timer
    let restoreDuration: CoreMetrics.Timer
    /// How long each transactional call took (`pmo_transaction_call_seconds{call}`): the time a
    /// partition's records wait while it commits.
    private let callDurations: [PartitionTransaction.Call: CoreMetrics.Timer]

    public init(service: String) {
        registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = [
            .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
            .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(5), .seconds(10), .seconds(30),
        ]
        self.factory = factory
        self.service = service
        recordsIn = TopicCounters(label: "pmo_records_in_total", service: service, factory: factory)
        recordsOut = TopicCounters(label: "pmo_records_out_total", service: service, factory: factory)
        duplicates = TopicCounters(label: "pmo_duplicates_skipped_total", service: service, factory: factory)
        let dimensions = [("service", service)]
        committed = CoreMetrics.Counter(label: "pmo_transactions_total", dimensions: dimensions + [("result", "committed")], factory: factory)
        aborted = CoreMetrics.Counter(label: "pmo_transactions_total", dimensions: dimensions + [("result", "aborted")], factory: factory)
        latency = CoreMetrics.Timer(label: "pmo_processing_latency_seconds", dimensions: dimensions, factory: factory)
        restoreDuration = CoreMetrics.Timer(label: "pmo_restore_duration_seconds", dimensions: dimensions, factory: factory)
        callDurations = Dictionary(uniqueKeysWithValues: PartitionTransaction.Call.allCases.map { call in
            (call, CoreMetrics.Timer(label: "pmo_transaction_call_seconds", dimensions: dimensions + [("call", call.metricName)],
                                     factory: factory))
        })
    }

    /// Counts a committed transaction, and the time from each of its inputs' broker timestamps
    /// (ms) to now.
    @usableFromInline func transactionCommitted(inputTimestamps: [Int64]) {
        let nowMillis = Int64((Date().timeIntervalSince1970 * 1000).rounded())
        for timestamp in inputTimestamps {
            latency.recordMilliseconds(max(0, nowMillis - timestamp))
        }
        committed.increment()
    }

    /// Counts an aborted transaction.
    @usableFromInline func transactionAborted() { aborted.increment() }

    /// Records how long restoring partitions from the changelog took.
    @usableFromInline func restored(in duration: Duration) { restoreDuration.recordNanoseconds(duration.wholeNanoseconds) }

    /// Records how long one transactional call took.
    @usableFromInline func transactionCall(_ call: PartitionTransaction.Call, took duration: Duration) {
        callDurations[call]?.recordNanoseconds(duration.wholeNanoseconds)
    }

    /// Counts one record read from `topic`.
    @usableFromInline func recordIn(topic: String) { recordsIn.counter(for: topic).increment() }
    /// Counts one record written to `topic`.
    @usableFromInline func recordOut(topic: String) { recordsOut.counter(for: topic).increment() }
    /// Counts one dead letter taken from `topic`.
    @usableFromInline func deadLetter(topic: String, errorClass: String) {
        counter("pmo_dlq_records_total", [("topic", topic), ("error_class", errorClass)]).increment()
    }
    /// Counts one redelivered event skipped by deduplication.
    @usableFromInline func duplicate(topic: String) { duplicates.counter(for: topic).increment() }

    /// Counts one changelog record in an older format migrated by the processor at restore.
    @usableFromInline func stateMigrated() { counter("pmo_state_migrated_total", []).increment() }

    /// Counts one record moved to the partition of its key.
    @usableFromInline func rerouted(topic: String) { counter("pmo_records_rerouted_total", [("topic", topic)]).increment() }

    /// Sets each owned input partition's consumer lag (records not yet committed), seconds since
    /// its last commit, and whether it is stalled (`pmo_partition_stalled`, 1 or 0).
    func updateLag(_ progress: PartitionProgress, stallLimit: Duration? = nil) {
        for reading in progress.readings() {
            let labels = [("topic", reading.topic), ("partition", String(reading.partition))]
            gauge("pmo_consumer_lag", labels).record(reading.lag)
            let seconds = Double(reading.sinceCommit.components.seconds)
                + Double(reading.sinceCommit.components.attoseconds) / 1e18
            gauge("pmo_seconds_since_commit", labels).record(seconds)
            if let stallLimit {
                gauge("pmo_partition_stalled", labels).record(reading.lag > 0 && reading.sinceCommit >= stallLimit ? 1 : 0)
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

/// The counters of one metric labelled by service and topic, made once per topic and then found
/// by the topic name alone: the record path neither builds label arrays nor key strings, and
/// compares names in a short list (a service reads and writes a handful of topics) rather than
/// hashing them.
private final class TopicCounters: Sendable {
    private let label: String
    private let service: String
    private let factory: PrometheusMetricsFactory
    private let counters = Mutex<[(topic: String, counter: CoreMetrics.Counter)]>([])

    init(label: String, service: String, factory: PrometheusMetricsFactory) {
        self.label = label
        self.service = service
        self.factory = factory
    }

    /// The counter of `topic`, labelled `service` then `topic` as every metric here.
    func counter(for topic: String) -> CoreMetrics.Counter {
        counters.withLock { counters in
            if let known = counters.first(where: { $0.topic == topic }) { return known.counter }
            let counter = CoreMetrics.Counter(label: label, dimensions: [("service", service), ("topic", topic)], factory: factory)
            counters.append((topic, counter))
            return counter
        }
    }
}

extension PartitionTransaction.Call {
    /// The call's `call` label in `pmo_transaction_call_seconds`.
    var metricName: String {
        switch self {
        case .begin: "begin"
        case .flushAndWriteChangelog: "flush_and_write_changelog"
        case .sendOffsets: "send_offsets"
        case .commit: "commit"
        case .abort: "abort"
        }
    }
}
