import CRdKafka
import Logging

/// librdkafka's built-in mock Kafka cluster, for tests that need the broker to fail on cue
/// (fencing, abortable transaction errors) where a real broker cannot be made to.
///
/// It is `@unchecked Sendable` because it only wraps the native `rd_kafka_mock_cluster_t`, whose
/// functions librdkafka documents as callable from any thread; the pointer never changes and
/// the cluster is destroyed once, in `deinit`, before the client handle that hosts it.
@_spi(Testing)
public final class KafkaMockCluster: @unchecked Sendable {
    /// Kafka protocol request types whose responses can be made to fail.
    public enum Request: Int16, Sendable {
        case produce = 0
        case fetch = 1
        case offsetCommit = 8
        case heartbeat = 12
        case initProducerId = 22
        case addPartitionsToTxn = 24
        case addOffsetsToTxn = 25
        case endTxn = 26
        case txnOffsetCommit = 28
    }

    private let host: KafkaHandle
    private let cluster: OpaquePointer

    /// Starts a mock cluster of `brokers` brokers on loopback.
    public init(brokers: Int32 = 1, logger: Logger) throws(KafkaError) {
        host = try KafkaHandle(type: RD_KAFKA_PRODUCER, configuration: KafkaConfiguration(properties: [:]),
                               context: ClientContext(logger: logger, statistics: nil))
        guard let cluster = rd_kafka_mock_cluster_new(host.pointer, brokers) else {
            throw .client("could not start librdkafka's mock cluster")
        }
        self.cluster = cluster
    }

    /// The `host:port` list clients connect to.
    public var bootstrapServers: String {
        String(cString: rd_kafka_mock_cluster_bootstraps(cluster))
    }

    /// Creates a topic in the mock cluster.
    public func createTopic(_ name: String, partitions: Int32) throws(KafkaError) {
        try KafkaError.check(rd_kafka_mock_topic_create(cluster, name, partitions, 1), "creating mock topic \(name)")
    }

    /// Makes the next requests of type `request` (one per entry, in order) fail with `errors`.
    public func failNext(_ request: Request, with errors: [Int32]) {
        var codes = errors.map { rd_kafka_resp_err_t(rawValue: $0) }
        codes.withUnsafeMutableBufferPointer { buffer in
            rd_kafka_mock_push_request_errors_array(cluster, request.rawValue, buffer.count, buffer.baseAddress)
        }
    }

    /// Makes broker `broker` (1-based) answer every request only after `roundTrip`, so that
    /// records stay in flight.
    public func delayResponses(ofBroker broker: Int32 = 1, by roundTrip: Duration) throws(KafkaError) {
        try KafkaError.check(rd_kafka_mock_broker_set_rtt(cluster, broker, roundTrip.milliseconds),
                             "delaying the mock broker's responses")
    }

    deinit {
        rd_kafka_mock_cluster_destroy(cluster)
    }
}
