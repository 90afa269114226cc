import CRdKafka
import Logging

/// Cluster administration: creating topics and reading the cluster's topic metadata.
public final class KafkaAdmin: Sendable {
    let handle: KafkaHandle
    let blocking: BlockingCallQueue

    /// Creates an admin client for the cluster in `configuration`.
    public init(configuration: KafkaConfiguration, logger: Logger) throws(KafkaError) {
        handle = try KafkaHandle(type: RD_KAFKA_PRODUCER,
                                 configuration: configuration.dropping(KafkaConfiguration.consumerOnlyProperties),
                                 context: ClientContext(logger: logger, statistics: nil))
        blocking = BlockingCallQueue(label: "kafka.admin.\(handle.name)")
    }

    /// The cluster's topics with their partition counts (internal `__` topics left out).
    public func listTopics(timeout: Duration = .seconds(10)) async throws(KafkaError) -> [TopicMetadata] {
        let handle = self.handle
        return try await blocking.run { () throws(KafkaError) -> [TopicMetadata] in
            var metadata: UnsafePointer<rd_kafka_metadata>?
            let err = rd_kafka_metadata(handle.pointer, 1, nil, &metadata, timeout.milliseconds)
            try KafkaError.check(err, "reading cluster metadata from \(handle.bootstrapServers)")
            guard let metadata else { return [] }
            defer { rd_kafka_metadata_destroy(metadata) }
            var topics: [TopicMetadata] = []
            for index in 0..<Int(metadata.pointee.topic_cnt) {
                let topic = metadata.pointee.topics[index]
                let name = String(cString: topic.topic)
                if name.hasPrefix("__") || topic.err != RD_KAFKA_RESP_ERR_NO_ERROR { continue }
                topics.append(TopicMetadata(name: name, partitions: topic.partition_cnt))
            }
            return topics.sorted { $0.name < $1.name }
        }
    }

    /// Creates `topics`; a topic that already exists is reported as `.alreadyExisted`, not as an
    /// error. Throws the first other failure, naming the topic.
    @discardableResult
    public func createTopics(_ topics: [NewTopic], timeout: Duration = .seconds(30))
        async throws(KafkaError) -> [String: TopicCreation]
    {
        guard !topics.isEmpty else { return [:] }
        let handle = self.handle
        return try await blocking.run { () throws(KafkaError) -> [String: TopicCreation] in
            var errorText = [CChar](repeating: 0, count: 512)
            var natives: [OpaquePointer?] = []
            defer { natives.forEach { rd_kafka_NewTopic_destroy($0) } }
            for topic in topics {
                guard let native = rd_kafka_NewTopic_new(topic.name, topic.partitions, topic.replicationFactor ?? -1,
                                                         &errorText, errorText.count) else {
                    throw .client("invalid topic \(topic.name): \(String(cBuffer: errorText))")
                }
                natives.append(native)
                for (name, value) in topic.configs.sorted(by: { $0.key < $1.key }) {
                    try KafkaError.check(rd_kafka_NewTopic_set_config(native, name, value),
                                         "setting \(name) on topic \(topic.name)")
                }
            }
            guard let queue = rd_kafka_queue_new(handle.pointer) else {
                throw .client("could not create a result queue")
            }
            defer { rd_kafka_queue_destroy(queue) }
            let options = rd_kafka_AdminOptions_new(handle.pointer, RD_KAFKA_ADMIN_OP_CREATETOPICS)
            defer { rd_kafka_AdminOptions_destroy(options) }
            _ = rd_kafka_AdminOptions_set_request_timeout(options, timeout.milliseconds, &errorText, errorText.count)
            _ = rd_kafka_AdminOptions_set_operation_timeout(options, timeout.milliseconds, &errorText, errorText.count)
            natives.withUnsafeMutableBufferPointer { buffer in
                rd_kafka_CreateTopics(handle.pointer, buffer.baseAddress, buffer.count, options, queue)
            }
            // The request itself times out after `timeout`; allow a little more for the result.
            guard let event = rd_kafka_queue_poll(queue, timeout.milliseconds + 5000) else {
                throw KafkaError(RD_KAFKA_RESP_ERR__TIMED_OUT, operation: "creating topics on \(handle.bootstrapServers)")
            }
            defer { rd_kafka_event_destroy(event) }
            try KafkaError.check(rd_kafka_event_error(event),
                                 "creating topics on \(handle.bootstrapServers): \(String(cString: rd_kafka_event_error_string(event)))")
            var count = 0
            guard let result = rd_kafka_event_CreateTopics_result(event),
                  let results = rd_kafka_CreateTopics_result_topics(result, &count) else { return [:] }
            var outcome: [String: TopicCreation] = [:]
            for index in 0..<count {
                let name = String(cString: rd_kafka_topic_result_name(results[index]))
                let err = rd_kafka_topic_result_error(results[index])
                switch err {
                case RD_KAFKA_RESP_ERR_NO_ERROR:
                    outcome[name] = .created
                case RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS:
                    outcome[name] = .alreadyExisted
                default:
                    let detail = rd_kafka_topic_result_error_string(results[index]).map { String(cString: $0) }
                    throw KafkaError(err, operation: "creating topic \(name)", detail: detail)
                }
            }
            return outcome
        }
    }
}

extension KafkaHandle {
    /// The configured bootstrap servers, for error messages.
    var bootstrapServers: String {
        var size = 0
        let conf = rd_kafka_conf(pointer)
        guard rd_kafka_conf_get(conf, "bootstrap.servers", nil, &size) == RD_KAFKA_CONF_OK, size > 0 else { return "the cluster" }
        var buffer = [CChar](repeating: 0, count: size)
        _ = rd_kafka_conf_get(conf, "bootstrap.servers", &buffer, &size)
        return String(cBuffer: buffer)
    }
}
