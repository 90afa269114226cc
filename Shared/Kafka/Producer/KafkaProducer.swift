import CRdKafka
import Logging
import Synchronization

/// Produces records to Kafka: idempotent with `acks=all` by default, keyed, with headers, and
/// optionally transactional (see `KafkaProducer+Transactions.swift`).
///
/// Delivery reports are served by a dedicated polling thread; `send` returns the partition and
/// offset once the broker has acknowledged the record, `produce` returns a ticket for it, and
/// `produceWithoutTicket` queues a record whose report nobody awaits (its failure still surfaces,
/// see there). Call `close()` before dropping the producer, so that queued records are flushed.
public final class KafkaProducer: Sendable {
    /// The defaults the producer applies unless the configuration says otherwise. The murmur2
    /// partitioner is the Java client's, so records keyed by a project id land in the same
    /// partition whichever client (Swift here, Java upstream) produced them.
    public static let defaultProperties: [String: String] = [
        "enable.idempotence": "true",
        "acks": "all",
        "linger.ms": "5",
        "partitioner": "murmur2_random",
    ]

    let handle: KafkaHandle
    let blocking: BlockingCallQueue
    let logger: Logger
    private let poller: DeliveryReportPoller
    private let closed = Atomic<Bool>(false)
    /// Failed deliveries of records without a ticket, for `flush`; `nil` for a transactional
    /// producer, whose transaction reports them.
    private let deliveryFailures: DeliveryFailures?

    /// Creates a producer. Set `transactional.id` in `configuration` to use transactions.
    ///
    /// - Parameters:
    ///   - statistics: receives librdkafka's statistics JSON every `statistics.interval.ms`.
    public init(configuration: KafkaConfiguration, logger: Logger,
                statistics: (@Sendable (String) -> Void)? = nil) throws(KafkaError) {
        let configuration = configuration.dropping(KafkaConfiguration.consumerOnlyProperties)
            .withDefaults(Self.defaultProperties)
        let failures = configuration["transactional.id"] == nil ? DeliveryFailures() : nil
        let context = ClientContext(logger: logger, statistics: statistics, deliveryFailures: failures)
        handle = try KafkaHandle(type: RD_KAFKA_PRODUCER, configuration: configuration, context: context) { conf in
            rd_kafka_conf_set_dr_msg_cb(conf) { _, message, contextPointer in
                guard let message else { return }
                let record = message.pointee
                guard let opaque = record._private else {
                    // A record queued without a ticket: only a failure matters, and only to a
                    // non-transactional producer (a transaction reports its own).
                    if record.err != RD_KAFKA_RESP_ERR_NO_ERROR, let contextPointer,
                       let failures = Unmanaged<ClientContext>.fromOpaque(contextPointer).takeUnretainedValue().deliveryFailures {
                        let topic = record.rkt.map { String(cString: rd_kafka_topic_name($0)) } ?? ""
                        failures.record(KafkaError(record.err, operation: "delivering a record to \(topic)[\(record.partition)]"))
                    }
                    return
                }
                let ticket = Unmanaged<DeliveryTicket>.fromOpaque(opaque).takeRetainedValue()
                if record.err == RD_KAFKA_RESP_ERR_NO_ERROR {
                    let topic = record.rkt.map { String(cString: rd_kafka_topic_name($0)) } ?? ""
                    ticket.complete(.success(DeliveryReport(topic: topic, partition: record.partition, offset: record.offset)))
                } else {
                    ticket.complete(.failure(KafkaError(record.err, operation: "delivering a record")))
                }
            }
            if statistics != nil {
                rd_kafka_conf_set_stats_cb(conf) { rk, json, length, _ in
                    if let rk, let json, let opaque = rd_kafka_opaque(rk) {
                        let context = Unmanaged<ClientContext>.fromOpaque(opaque).takeUnretainedValue()
                        let bytes = UnsafeRawBufferPointer(start: json, count: length)
                        context.statistics?(String(decoding: bytes, as: UTF8.self))
                    }
                    return 0
                }
            }
        }
        blocking = BlockingCallQueue(label: "kafka.producer.\(handle.name)")
        self.logger = logger
        deliveryFailures = failures
        poller = DeliveryReportPoller(handle: handle)
    }

    /// Produces `record` and waits until the broker has acknowledged it.
    @discardableResult
    public func send(_ record: ProducerRecord) async throws -> DeliveryReport {
        try await produce(record).report
    }

    /// Queues `record` for delivery and returns at once with a ticket for its outcome. When the
    /// local queue is full it waits (without blocking a thread) until there is room.
    @discardableResult
    public func produce(_ record: ProducerRecord) async throws -> DeliveryTicket {
        while true {
            switch Result(catching: { () throws(KafkaError) in try enqueue(record) }) {
            case .success(let ticket):
                return ticket
            case .failure(let error) where error.code == RD_KAFKA_RESP_ERR__QUEUE_FULL.rawValue:
                try await Task.sleep(for: .milliseconds(5))
            case .failure(let error):
                throw error
            }
        }
    }

    /// Queues `record`, or throws at once (`_QUEUE_FULL` when the local queue has no room).
    public func enqueue(_ record: ProducerRecord) throws(KafkaError) -> DeliveryTicket {
        let ticket = DeliveryTicket()
        let opaque = Unmanaged.passRetained(ticket).toOpaque()
        do {
            try enqueue(record, opaque: opaque)
        } catch {
            Unmanaged<DeliveryTicket>.fromOpaque(opaque).release()
            throw error
        }
        return ticket
    }

    /// Queues `record` without a ticket, waiting (without blocking a thread) while the local queue
    /// is full. Nothing is allocated to report its delivery: use it when nobody awaits the report.
    /// A failed delivery is still seen:
    /// - by a transactional producer's transaction: librdkafka puts it in the abortable-error state,
    ///   so the records queued after the failure are refused and `sendOffsetsToTransaction` and
    ///   `commitTransaction` fail with an error that requires an abort (as for records whose
    ///   ticket is dropped);
    /// - by any other producer's next `flush`, which throws it.
    public func produceWithoutTicket(_ record: ProducerRecord) async throws {
        while true {
            switch Result(catching: { () throws(KafkaError) in try enqueueWithoutTicket(record) }) {
            case .success:
                return
            case .failure(let error) where error.code == RD_KAFKA_RESP_ERR__QUEUE_FULL.rawValue:
                try await Task.sleep(for: .milliseconds(5))
            case .failure(let error):
                throw error
            }
        }
    }

    /// Queues `record` without a ticket (see ``produceWithoutTicket(_:)``), or throws at once
    /// (`_QUEUE_FULL` when the local queue has no room).
    public func enqueueWithoutTicket(_ record: ProducerRecord) throws(KafkaError) {
        try enqueue(record, opaque: nil)
    }

    /// Hands `record` to librdkafka with `opaque` as its delivery-report pointer (a retained
    /// ticket, or `nil`); on failure the caller still owns `opaque`.
    private func enqueue(_ record: ProducerRecord, opaque: UnsafeMutableRawPointer?) throws(KafkaError) {
        guard !closed.load(ordering: .relaxed) else {
            throw .client("the producer is closed", code: RD_KAFKA_RESP_ERR__DESTROY)
        }
        let headers: OpaquePointer? = record.headers.isEmpty ? nil : Self.makeHeaders(record.headers)
        let err = record.topic.withCString { topic in
            withOptionalBytes(record.key) { key, keyLength in
                withOptionalBytes(record.value) { value, valueLength in
                    pmo_produce(handle.pointer, topic, record.partition ?? RD_KAFKA_PARTITION_UA,
                                key, keyLength, value, valueLength, headers,
                                record.timestampMilliseconds ?? 0, opaque)
                }
            }
        }
        if err != RD_KAFKA_RESP_ERR_NO_ERROR {
            if let headers { rd_kafka_headers_destroy(headers) }
            throw KafkaError(err, operation: "producing to \(record.topic)")
        }
    }

    /// Waits until every queued record is delivered or failed; throws on timeout. A
    /// non-transactional producer then throws the first delivery failure of the records queued
    /// without a ticket since the last flush (a transactional producer's transaction reports
    /// those, see ``produceWithoutTicket(_:)``).
    public func flush(timeout: Duration = .seconds(30)) async throws(KafkaError) {
        let handle = self.handle
        let err = await blocking.run { rd_kafka_flush(handle.pointer, timeout.milliseconds) }
        try KafkaError.check(err, "flushing the producer")
        if let failure = deliveryFailures?.take() { throw failure }
    }

    /// Flushes what is queued (up to `timeout`), purges what could not be delivered, and stops the
    /// polling thread. The producer cannot be used afterwards.
    public func close(timeout: Duration = .seconds(30)) async {
        guard !closed.exchange(true, ordering: .acquiringAndReleasing) else { return }
        let handle = self.handle
        let logger = self.logger
        await blocking.run { [poller] in
            let err = rd_kafka_flush(handle.pointer, timeout.milliseconds)
            if err != RD_KAFKA_RESP_ERR_NO_ERROR {
                logger.warning("producer closed with records still queued; they are purged",
                               metadata: ["kafka.error": "\(String(cString: rd_kafka_err2name(err)))"])
                rd_kafka_purge(handle.pointer, RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT)
            }
            poller.stopAndWait()
            // Serve the delivery reports of purged records so that every ticket completes.
            rd_kafka_poll(handle.pointer, 0)
        }
        if let failure = deliveryFailures?.take() {
            logger.warning("records queued without a ticket were not delivered before the producer closed: \(failure)")
        }
    }

    deinit {
        // The polling thread holds its own reference to the handle, so it may finish its last
        // poll after this; the handle is destroyed when the thread lets go of it.
        poller.stop()
    }

    /// librdkafka's copy of `headers`. Each name is passed as its UTF-8 bytes with their count,
    /// where they are (`String.withUTF8`), and the headers are read in place: passing a `String`
    /// as a C string made an array for every header name (`String.utf8CString`), and `for … in`
    /// copied every header. This function took 4.3 % of the test counter's samples that way,
    /// 1.3 % now (`scripts/profile.sh --events 200000`).
    private static func makeHeaders(_ headers: [KafkaHeader]) -> OpaquePointer {
        let list = rd_kafka_headers_new(headers.count)!
        for index in headers.indices {
            var name = headers[index].name
            name.withUTF8 { name in
                name.withMemoryRebound(to: CChar.self) { name in
                    withOptionalBytes(headers[index].value) { value, valueLength in
                        _ = rd_kafka_header_add(list, name.baseAddress, name.count, value, valueLength)
                    }
                }
            }
        }
        return list
    }
}

/// Calls `body` with a pointer and length for `bytes`, or `(nil, 0)` when there are none.
func withOptionalBytes<R>(_ bytes: [UInt8]?, _ body: (UnsafeRawPointer?, Int) -> R) -> R {
    guard let bytes else { return body(nil, 0) }
    return bytes.withUnsafeBytes { body($0.baseAddress, $0.count) }
}

extension Duration {
    /// Whole milliseconds, clamped to what librdkafka's `int` timeouts can hold.
    var milliseconds: Int32 {
        let (seconds, attoseconds) = components
        let ms = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        return Int32(clamping: ms)
    }
}
