import CRdKafka
import Logging

/// The one place a librdkafka client handle (`rd_kafka_t *`) lives.
///
/// It is `@unchecked Sendable` because librdkafka documents its client handles as thread-safe:
/// every `rd_kafka_*` call on one handle may come from any thread. The pointer itself never
/// changes after creation; the handle is destroyed exactly once, in `deinit`, after the owning
/// client has finished its shutdown (close, flush) on its own blocking thread.
final class KafkaHandle: @unchecked Sendable {
    /// The native client.
    let pointer: OpaquePointer
    /// The context registered as the client's opaque; released after the client is destroyed.
    private let context: Unmanaged<ClientContext>
    /// Consumer queue (only for consumers), destroyed before the client.
    let queue: OpaquePointer?
    /// Set for consumers that were not closed: destroy without the (blocking) group leave.
    private let destroyFlags: Int32

    /// Creates a client of `type` from `configuration`. The configuration object is consumed.
    init(type: rd_kafka_type_t, configuration: KafkaConfiguration, context: ClientContext,
         prepare: (OpaquePointer) -> Void = { _ in }) throws(KafkaError) {
        let conf = try configuration.makeNative()
        let unmanaged = Unmanaged.passRetained(context)
        rd_kafka_conf_set_opaque(conf, unmanaged.toOpaque())
        rd_kafka_conf_set_log_cb(conf) { rk, level, facility, message in
            guard let rk, let opaque = rd_kafka_opaque(rk) else { return }
            let context = Unmanaged<ClientContext>.fromOpaque(opaque).takeUnretainedValue()
            context.log(level: level, facility: facility.map { String(cString: $0) } ?? "",
                        message: message.map { String(cString: $0) } ?? "")
        }
        prepare(conf)
        var errorText = [CChar](repeating: 0, count: 512)
        guard let rk = rd_kafka_new(type, conf, &errorText, errorText.count) else {
            rd_kafka_conf_destroy(conf)
            unmanaged.release()
            let text = String(cBuffer: errorText)
            throw .client("could not create the Kafka client: \(text)")
        }
        self.pointer = rk
        self.context = unmanaged
        if type == RD_KAFKA_CONSUMER {
            rd_kafka_poll_set_consumer(rk)
            self.queue = rd_kafka_queue_get_consumer(rk)
            self.destroyFlags = RD_KAFKA_DESTROY_F_NO_CONSUMER_CLOSE
        } else {
            self.queue = nil
            self.destroyFlags = 0
        }
    }

    /// The client's name as librdkafka gives it (`rdkafka#producer-1`), for logs.
    var name: String { String(cString: rd_kafka_name(pointer)) }

    deinit {
        if let queue { rd_kafka_queue_destroy(queue) }
        rd_kafka_destroy_flags(pointer, destroyFlags)
        context.release()
    }
}

/// What librdkafka's callbacks need from Swift: the logger, the statistics sink and, for a
/// non-transactional producer, where failed deliveries of records without a ticket are kept.
final class ClientContext: Sendable {
    let logger: Logger
    let statistics: (@Sendable (String) -> Void)?
    let deliveryFailures: DeliveryFailures?

    init(logger: Logger, statistics: (@Sendable (String) -> Void)?, deliveryFailures: DeliveryFailures? = nil) {
        self.logger = logger
        self.statistics = statistics
        self.deliveryFailures = deliveryFailures
    }

    /// Forwards one librdkafka log line (syslog levels) to swift-log.
    func log(level: Int32, facility: String, message: String) {
        let swiftLevel: Logger.Level
        switch level {
        case ...2: swiftLevel = .critical
        case 3: swiftLevel = .error
        case 4: swiftLevel = .warning
        case 5: swiftLevel = .notice
        case 6: swiftLevel = .info
        default: swiftLevel = .debug
        }
        logger.log(level: swiftLevel, "\(message)", metadata: ["librdkafka.facility": "\(facility)"])
    }
}

extension String {
    /// Decodes a NUL-terminated C string held in a buffer that librdkafka filled in.
    init(cBuffer buffer: [CChar]) {
        self.init(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
