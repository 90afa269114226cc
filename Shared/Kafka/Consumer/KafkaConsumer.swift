import CRdKafka
import Logging
import Synchronization

/// Consumes records from Kafka, in a consumer group (`subscribe`) or from partitions it is told
/// to read (`assign`), with manual offset commits.
///
/// Defaults suit exactly-once processing: auto-commit off and `isolation.level=read_committed`.
/// Records and rebalance events come from `poll`/`pollBatch` or the `events` async sequence.
/// Blocking librdkafka calls run on the consumer's own Dispatch thread. Call `close()` to leave
/// the group in an orderly way before dropping the consumer.
public final class KafkaConsumer: Sendable {
    /// The defaults the consumer applies unless the configuration says otherwise.
    public static let defaultProperties: [String: String] = [
        "enable.auto.commit": "false",
        "isolation.level": "read_committed",
        "auto.offset.reset": "earliest",
    ]

    let handle: KafkaHandle
    let blocking: BlockingCallQueue
    let logger: Logger
    private let statistics: (@Sendable (String) -> Void)?
    /// A rebalance handed to the caller and not yet applied (see `ConsumerEvent`).
    let pendingRebalance = Mutex<PendingRebalance?>(nil)
    let closed = Atomic<Bool>(false)

    /// Creates a consumer.
    ///
    /// - Parameters:
    ///   - groupID: the consumer group; `nil` for a consumer that only reads assigned partitions.
    ///   - statistics: receives librdkafka's statistics JSON every `statistics.interval.ms`.
    public init(configuration: KafkaConfiguration, groupID: String?, logger: Logger,
                statistics: (@Sendable (String) -> Void)? = nil) throws(KafkaError) {
        var configuration = configuration.dropping(KafkaConfiguration.producerOnlyProperties)
            .withDefaults(Self.defaultProperties)
        // librdkafka needs a group id even to read assigned partitions; a reader that never
        // subscribes or commits gets a private one and joins no group.
        configuration["group.id"] = groupID ?? "pmo-reader-\(UInt64.random(in: 0...UInt64.max))"
        let context = ClientContext(logger: logger, statistics: statistics)
        handle = try KafkaHandle(type: RD_KAFKA_CONSUMER, configuration: configuration, context: context) { conf in
            rd_kafka_conf_set_events(conf, RD_KAFKA_EVENT_REBALANCE | RD_KAFKA_EVENT_ERROR | RD_KAFKA_EVENT_STATS)
        }
        blocking = BlockingCallQueue(label: "kafka.consumer.\(handle.name)")
        self.logger = logger
        self.statistics = statistics
    }

    /// Joins the consumer group and subscribes to `topics` (names, or regular expressions
    /// starting with `^`).
    public func subscribe(topics: [String]) throws(KafkaError) {
        let list = NativePartitionList.make(topics.map { TopicPartition($0, RD_KAFKA_PARTITION_UA) })
        defer { rd_kafka_topic_partition_list_destroy(list) }
        try KafkaError.check(rd_kafka_subscribe(handle.pointer, list), "subscribing to \(topics.joined(separator: ", "))")
    }

    /// Reads exactly these partitions from the given offsets (no group membership needed).
    /// Use `KafkaOffset.beginning`, `.end` or `.stored` for symbolic positions.
    public func assign(_ offsets: [TopicPartitionOffset]) throws(KafkaError) {
        let list = NativePartitionList.make(offsets)
        defer { rd_kafka_topic_partition_list_destroy(list) }
        try KafkaError.check(rd_kafka_assign(handle.pointer, list), "assigning partitions")
    }

    /// The partitions this consumer currently reads.
    public func assignment() throws(KafkaError) -> [TopicPartition] {
        var list: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>?
        try KafkaError.check(rd_kafka_assignment(handle.pointer, &list), "reading the assignment")
        defer { if let list { rd_kafka_topic_partition_list_destroy(list) } }
        return try NativePartitionList.read(list).map(\.topicPartition)
    }

    /// Waits up to `timeout` for the next event.
    public func poll(timeout: Duration) async throws(KafkaError) -> ConsumerEvent? {
        try await pollBatch(maxEvents: 1, timeout: timeout).first
    }

    /// Waits up to `timeout` for events and returns up to about `maxEvents` of them at once.
    /// A rebalance event is always the last of a batch.
    public func pollBatch(maxEvents: Int, timeout: Duration) async throws(KafkaError) -> [ConsumerEvent] {
        let handle = self.handle
        let consumer = self
        return try await blocking.run { () throws(KafkaError) -> [ConsumerEvent] in
            try consumer.applyPendingRebalance()
            guard let queue = handle.queue else { return [] }
            var events: [ConsumerEvent] = []
            var topics = TopicNames()
            var wait = timeout.milliseconds
            while events.count < maxEvents, let event = rd_kafka_queue_poll(queue, wait) {
                defer { rd_kafka_event_destroy(event) }
                wait = 0
                if try consumer.handle(event: event, into: &events, topics: &topics) { break }
            }
            return events
        }
    }

    /// Makes a `poll` or `pollBatch` that is waiting return at once with what it has (the next
    /// one when none is waiting), from any thread: for work finished elsewhere that the polling
    /// task should see without waiting out its timeout.
    public func wakeUp() {
        guard !closed.load(ordering: .acquiring), let queue = handle.queue else { return }
        rd_kafka_queue_yield(queue)
    }

    /// Turns one librdkafka event into consumer events; returns true when it was a rebalance.
    /// `topics` holds the topic names met so far in the batch.
    private func handle(event: OpaquePointer, into events: inout [ConsumerEvent],
                        topics: inout TopicNames) throws(KafkaError) -> Bool {
        switch rd_kafka_event_type(event) {
        case RD_KAFKA_EVENT_FETCH:
            while let message = rd_kafka_event_message_next(event) {
                if let converted = convert(message, topics: &topics) { events.append(converted) }
            }
        case RD_KAFKA_EVENT_REBALANCE:
            events.append(recordRebalance(event))
            return true
        case RD_KAFKA_EVENT_ERROR where rd_kafka_event_error(event) == RD_KAFKA_RESP_ERR__PARTITION_EOF:
            // With the event API, reaching the end of a partition comes as a partition-level error.
            if let position = rd_kafka_event_topic_partition(event) {
                defer { rd_kafka_topic_partition_destroy(position) }
                let partition = TopicPartition(String(cString: position.pointee.topic), position.pointee.partition)
                events.append(.endOfPartition(partition, offset: position.pointee.offset))
            }
        case RD_KAFKA_EVENT_ERROR:
            let err = rd_kafka_event_error(event)
            let text = String(cString: rd_kafka_event_error_string(event))
            if rd_kafka_event_error_is_fatal(event) != 0 {
                var buffer = [CChar](repeating: 0, count: 512)
                let underlying = rd_kafka_fatal_error(handle.pointer, &buffer, buffer.count)
                var error = KafkaError(underlying, operation: "consumer", detail: text)
                error.isFatal = true
                throw error
            }
            logger.warning("Kafka consumer error: \(text)", metadata: ["kafka.error": "\(String(cString: rd_kafka_err2name(err)))"])
        case RD_KAFKA_EVENT_STATS:
            if let json = rd_kafka_event_stats(event) { statistics?(String(cString: json)) }
        default:
            break
        }
        return false
    }

    /// Copies a fetched message into a `ConsumerEvent`. It takes librdkafka's own pointer:
    /// headers and timestamps are found from the message's address, so a copy would not do.
    /// The topic name comes from `topics`, shared by the batch's records of that topic.
    private func convert(_ pointer: UnsafePointer<rd_kafka_message_t>, topics: inout TopicNames) -> ConsumerEvent? {
        let message = pointer.pointee
        let topic = topics.name(of: message.rkt)
        if message.err == RD_KAFKA_RESP_ERR__PARTITION_EOF {
            return .endOfPartition(TopicPartition(topic, message.partition), offset: message.offset)
        }
        if message.err != RD_KAFKA_RESP_ERR_NO_ERROR {
            let error = KafkaError(message.err, operation: "consuming \(topic)[\(message.partition)]")
            logger.warning("\(error)", metadata: ["kafka.topic": "\(topic)", "kafka.partition": "\(message.partition)"])
            return nil
        }
        var timestampType = RD_KAFKA_TIMESTAMP_NOT_AVAILABLE
        let timestamp = rd_kafka_message_timestamp(pointer, &timestampType)
        return .record(ConsumerRecord(
            topic: topic,
            partition: message.partition,
            offset: message.offset,
            key: message.key.map { Array(UnsafeRawBufferPointer(start: $0, count: message.key_len)) },
            value: message.payload.map { Array(UnsafeRawBufferPointer(start: $0, count: message.len)) },
            headers: Self.headers(of: pointer),
            timestampMilliseconds: timestampType == RD_KAFKA_TIMESTAMP_NOT_AVAILABLE ? nil : timestamp
        ))
    }

    private static func headers(of message: UnsafePointer<rd_kafka_message_t>) -> [KafkaHeader] {
        var headers: OpaquePointer?
        let found = rd_kafka_message_headers(message, &headers)
        guard found == RD_KAFKA_RESP_ERR_NO_ERROR, let headers else { return [] }
        var result: [KafkaHeader] = []
        // Sized once: grown header by header, a record's seven envelope headers took four allocations.
        result.reserveCapacity(rd_kafka_header_cnt(headers))
        var index = 0
        var name: UnsafePointer<CChar>?
        var value: UnsafeRawPointer?
        var size = 0
        while rd_kafka_header_get_all(headers, index, &name, &value, &size) == RD_KAFKA_RESP_ERR_NO_ERROR {
            let bytes = value.map { Array(UnsafeRawBufferPointer(start: $0, count: size)) }
            result.append(KafkaHeader(name: name.map { String(cString: $0) } ?? "", value: bytes))
            index += 1
        }
        return result
    }
}
