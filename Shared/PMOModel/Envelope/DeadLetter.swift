import Foundation

/// The headers a service adds to a record it sends to its dead-letter topic
/// (`pmo.<service>.dlq`): where the record came from and why it was rejected. The value and the
/// original headers are kept as they were.
public struct DeadLetter: Hashable, Sendable {
    /// Header names of a dead letter.
    public enum Header {
        /// The topic the record was read from.
        public static let originalTopic = "pmo_dlq_original_topic"
        /// Its partition, decimal.
        public static let originalPartition = "pmo_dlq_original_partition"
        /// Its offset, decimal.
        public static let originalOffset = "pmo_dlq_original_offset"
        /// ``ContractError/errorClass`` or another short class name.
        public static let errorClass = "pmo_dlq_error_class"
        /// A human message naming the field or header concerned.
        public static let errorMessage = "pmo_dlq_error_message"
        /// The service that rejected it.
        public static let service = "pmo_dlq_service"
        /// When it was rejected, RFC 3339.
        public static let failedAt = "pmo_dlq_failed_at"
        /// Present when the dead letter could not hold the whole record: `value` when the value was
        /// cut to fit the topic's record size limit, `headers` when only the headers were kept.
        public static let truncated = "pmo_dlq_truncated"
        /// The size in bytes of the original value, when `truncated` is present.
        public static let originalSize = "pmo_dlq_original_size"
        /// The headers every dead letter carries.
        public static let required = [originalTopic, originalPartition, originalOffset, errorClass, errorMessage, service, failedAt]
        /// The headers a dead letter carries only when it was cut to fit.
        public static let optional = [truncated, originalSize]
        /// Every dead-letter header.
        public static let all = required + optional
    }

    /// The topic the record was read from.
    public var originalTopic: String
    /// Its partition.
    public var originalPartition: Int32
    /// Its offset.
    public var originalOffset: Int64
    /// The short error class, e.g. `not-json`.
    public var errorClass: String
    /// The human message.
    public var errorMessage: String
    /// The name of the rejecting service (`intake`, …; tools and test services have their own).
    public var service: String
    /// When it was rejected.
    public var failedAt: Date

    /// Creates the description of a dead letter.
    public init(originalTopic: String, originalPartition: Int32, originalOffset: Int64, errorClass: String,
                errorMessage: String, service: String, failedAt: Date) {
        self.originalTopic = originalTopic
        self.originalPartition = originalPartition
        self.originalOffset = originalOffset
        self.errorClass = errorClass
        self.errorMessage = errorMessage
        self.service = service
        self.failedAt = failedAt
    }

    /// Describes a record rejected for `error`.
    public init(originalTopic: String, originalPartition: Int32, originalOffset: Int64, error: ContractError,
                service: PMOService, failedAt: Date) {
        self.init(originalTopic: originalTopic, originalPartition: originalPartition, originalOffset: originalOffset,
                  errorClass: error.errorClass, errorMessage: error.description, service: service.rawValue, failedAt: failedAt)
    }

    /// Reads the dead-letter headers of a record.
    public init(headers: [RecordHeader]) throws(EnvelopeError) {
        let headers = HeaderSelection(headers, names: Header.required)
        let partitionText = try headers.singleText(Header.originalPartition)
        guard let partition = Int32(partitionText), partition >= 0 else {
            throw .invalidHeader(name: Header.originalPartition, value: partitionText, reason: "is not a partition number")
        }
        let offsetText = try headers.singleText(Header.originalOffset)
        guard let offset = Int64(offsetText), offset >= 0 else {
            throw .invalidHeader(name: Header.originalOffset, value: offsetText, reason: "is not an offset")
        }
        let serviceText = try headers.singleText(Header.service)
        guard let service = Optional(serviceText), !service.isEmpty,
              service.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }) else {
            throw .invalidHeader(name: Header.service, value: serviceText, reason: "is not a service name")
        }
        let timeText = try headers.singleText(Header.failedAt)
        guard let failedAt = RFC3339.parse(timeText) else {
            throw .invalidHeader(name: Header.failedAt, value: timeText, reason: "is not an RFC 3339 timestamp")
        }
        self.init(originalTopic: try headers.singleText(Header.originalTopic), originalPartition: partition,
                  originalOffset: offset, errorClass: try headers.singleText(Header.errorClass),
                  errorMessage: try headers.singleText(Header.errorMessage), service: service, failedAt: failedAt)
    }

    /// The dead-letter headers alone.
    public var headers: [RecordHeader] {
        [
            RecordHeader(Header.originalTopic, originalTopic),
            RecordHeader(Header.originalPartition, String(originalPartition)),
            RecordHeader(Header.originalOffset, String(originalOffset)),
            RecordHeader(Header.errorClass, errorClass),
            RecordHeader(Header.errorMessage, errorMessage),
            RecordHeader(Header.service, service),
            RecordHeader(Header.failedAt, RFC3339.format(failedAt)),
        ]
    }

    /// The headers of the dead-letter record: the original ones (minus any earlier dead-letter
    /// headers) followed by these.
    public func headers(keeping original: [RecordHeader]) -> [RecordHeader] {
        original.filter { !Header.all.contains($0.name) } + headers
    }

    /// The dead-letter topic of the rejecting service.
    public var topic: String { "pmo.\(service).dlq" }
}
