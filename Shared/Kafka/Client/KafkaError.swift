import CRdKafka

/// A failure reported by librdkafka or by this client, with librdkafka's error code and the
/// classification a transactional loop needs to decide what to do next.
///
/// - `isRetriable`: the same call may succeed if it is simply tried again.
/// - `requiresAbort`: the current transaction cannot commit; abort it, rewind, and carry on.
/// - `isFatal`: the client instance is unusable; tear it down (a service exits non-zero).
/// - `isFenced`: another instance with the same `transactional.id` took over; this one must stop.
public struct KafkaError: Error, Sendable, Equatable, CustomStringConvertible {
    /// librdkafka's `rd_kafka_resp_err_t` value (negative codes are client-side errors).
    public var code: Int32
    /// librdkafka's symbolic name of the code, such as `_MSG_TIMED_OUT` or `PRODUCER_FENCED`.
    public var name: String
    /// A human-readable explanation, with what the client was doing when it failed.
    public var message: String
    /// True when the operation may succeed if retried.
    public var isRetriable: Bool
    /// True when the open transaction must be aborted before anything else is produced.
    public var requiresAbort: Bool
    /// True when the client instance can no longer be used.
    public var isFatal: Bool

    /// Creates an error from its parts; used by tests and by the client itself.
    public init(code: Int32, name: String, message: String, isRetriable: Bool = false,
                requiresAbort: Bool = false, isFatal: Bool = false) {
        self.code = code
        self.name = name
        self.message = message
        self.isRetriable = isRetriable
        self.requiresAbort = requiresAbort
        self.isFatal = isFatal
    }

    /// True when this instance was fenced by a newer one with the same `transactional.id`
    /// (or, for a consumer, the same `group.instance.id`).
    public var isFenced: Bool {
        Self.fencedCodes.contains(code)
    }

    /// True when the operation ran out of time (local or broker-side timeout).
    public var isTimeout: Bool {
        Self.timeoutCodes.contains(code)
    }

    /// True when the error concerns one record and retrying cannot help: the record (or the output
    /// produced for it) is too large or malformed for the broker. A transactional loop turns the
    /// input record into a dead letter instead of retrying it.
    public var isPermanentForRecord: Bool {
        Self.permanentRecordCodes.contains(code)
    }

    public var description: String {
        var flags: [String] = []
        if isFatal { flags.append("fatal") }
        if isFenced { flags.append("fenced") }
        if requiresAbort { flags.append("abort transaction") }
        if isRetriable { flags.append("retriable") }
        let suffix = flags.isEmpty ? "" : " [\(flags.joined(separator: ", "))]"
        return "Kafka error \(name) (\(code)): \(message)\(suffix)"
    }

    private static let fencedCodes: Set<Int32> = [
        RD_KAFKA_RESP_ERR__FENCED.rawValue,
        RD_KAFKA_RESP_ERR_PRODUCER_FENCED.rawValue,
        RD_KAFKA_RESP_ERR_INVALID_PRODUCER_EPOCH.rawValue,
        RD_KAFKA_RESP_ERR_FENCED_INSTANCE_ID.rawValue,
    ]

    private static let permanentRecordCodes: Set<Int32> = [
        RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE.rawValue,
        RD_KAFKA_RESP_ERR_RECORD_LIST_TOO_LARGE.rawValue,
        RD_KAFKA_RESP_ERR_INVALID_RECORD.rawValue,
        RD_KAFKA_RESP_ERR_INVALID_MSG.rawValue,
        RD_KAFKA_RESP_ERR_INVALID_MSG_SIZE.rawValue,
        RD_KAFKA_RESP_ERR__BAD_MSG.rawValue,
    ]

    private static let timeoutCodes: Set<Int32> = [
        RD_KAFKA_RESP_ERR__TIMED_OUT.rawValue,
        RD_KAFKA_RESP_ERR__MSG_TIMED_OUT.rawValue,
        RD_KAFKA_RESP_ERR__TIMED_OUT_QUEUE.rawValue,
        RD_KAFKA_RESP_ERR_REQUEST_TIMED_OUT.rawValue,
        RD_KAFKA_RESP_ERR__TRANSPORT.rawValue,
        RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN.rawValue,
    ]
}

extension KafkaError {
    /// Builds an error from a plain librdkafka response code.
    init(_ err: rd_kafka_resp_err_t, operation: String, detail: String? = nil) {
        let text = detail ?? String(cString: rd_kafka_err2str(err))
        self.init(
            code: err.rawValue,
            name: String(cString: rd_kafka_err2name(err)),
            message: "\(operation): \(text)",
            isRetriable: Self.retriableByCode(err),
            isFatal: err == RD_KAFKA_RESP_ERR__FATAL
        )
    }

    /// Builds an error from an `rd_kafka_error_t` and destroys it.
    init(consuming error: OpaquePointer, operation: String) {
        defer { rd_kafka_error_destroy(error) }
        self.init(
            code: rd_kafka_error_code(error).rawValue,
            name: String(cString: rd_kafka_error_name(error)),
            message: "\(operation): \(String(cString: rd_kafka_error_string(error)))",
            isRetriable: rd_kafka_error_is_retriable(error) != 0,
            requiresAbort: rd_kafka_error_txn_requires_abort(error) != 0,
            isFatal: rd_kafka_error_is_fatal(error) != 0
        )
    }

    /// Throws when `err` is not `RD_KAFKA_RESP_ERR_NO_ERROR`.
    static func check(_ err: rd_kafka_resp_err_t, _ operation: @autoclosure () -> String) throws(KafkaError) {
        if err != RD_KAFKA_RESP_ERR_NO_ERROR {
            throw KafkaError(err, operation: operation())
        }
    }

    /// Throws when `error` is not null (and destroys it).
    static func check(_ error: OpaquePointer?, _ operation: @autoclosure () -> String) throws(KafkaError) {
        if let error {
            throw KafkaError(consuming: error, operation: operation())
        }
    }

    /// An error raised by this client rather than by librdkafka.
    static func client(_ message: String, code: rd_kafka_resp_err_t = RD_KAFKA_RESP_ERR__INVALID_ARG) -> KafkaError {
        KafkaError(code: code.rawValue, name: String(cString: rd_kafka_err2name(code)), message: message)
    }

    private static func retriableByCode(_ err: rd_kafka_resp_err_t) -> Bool {
        switch err {
        case RD_KAFKA_RESP_ERR__TIMED_OUT, RD_KAFKA_RESP_ERR__TRANSPORT, RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN,
             RD_KAFKA_RESP_ERR__QUEUE_FULL, RD_KAFKA_RESP_ERR_REQUEST_TIMED_OUT,
             RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION, RD_KAFKA_RESP_ERR_LEADER_NOT_AVAILABLE,
             RD_KAFKA_RESP_ERR_NOT_COORDINATOR, RD_KAFKA_RESP_ERR_COORDINATOR_NOT_AVAILABLE,
             RD_KAFKA_RESP_ERR_COORDINATOR_LOAD_IN_PROGRESS, RD_KAFKA_RESP_ERR_REBALANCE_IN_PROGRESS,
             RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART, RD_KAFKA_RESP_ERR_NETWORK_EXCEPTION:
            return true
        default:
            return false
        }
    }
}
