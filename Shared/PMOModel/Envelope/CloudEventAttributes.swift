import Foundation

/// The CloudEvents 1.0 context attributes of one PMO event, carried as Kafka headers in binary
/// content mode (the record value is the JSON event itself).
///
/// Headers: `ce_specversion` (`1.0`), `ce_id`, `ce_source`, `ce_type`, `ce_time` (RFC 3339),
/// `ce_subject` (the record key) and `content-type: application/json`. Consumers deduplicate on
/// (``source``, ``id``).
public struct CloudEventAttributes: Hashable, Sendable {
    /// Header names used in Kafka binary mode.
    public enum Header {
        /// `ce_specversion`, always `1.0`.
        public static let specVersion = "ce_specversion"
        /// `ce_id`, unique per source.
        public static let id = "ce_id"
        /// `ce_source`, the producer as a URI-reference.
        public static let source = "ce_source"
        /// `ce_type`, the event type such as `pmo.status.reported.v1`.
        public static let type = "ce_type"
        /// `ce_time`, RFC 3339.
        public static let time = "ce_time"
        /// `ce_subject`, the record key.
        public static let subject = "ce_subject"
        /// `content-type`, always `application/json`.
        public static let contentType = "content-type"
        /// Every header of the envelope, in the order they are written.
        public static let all = [specVersion, id, source, type, time, subject, contentType]
    }

    /// The only CloudEvents version supported.
    public static let specVersion = "1.0"
    /// The only data content type supported.
    public static let contentType = "application/json"

    /// `ce_id`: unique for the source (a UUID, or a deterministic id derived from the input).
    public var id: String
    /// `ce_source`: the producing service (``PMOService/source``) or upstream system, a URI-reference.
    public var source: String
    /// `ce_type`: the event type.
    public var type: String
    /// `ce_time`: when the event happened.
    public var time: Date
    /// `ce_subject`: the record key (project, resource or config id).
    public var subject: String

    /// Creates the attributes; call ``validate()`` or ``headers()`` to check them.
    public init(id: String, source: String, type: String, time: Date, subject: String) {
        self.id = id
        self.source = source
        self.type = type
        self.time = time
        self.subject = subject
    }

    /// Reads and checks the envelope from a record's headers (other headers are ignored).
    public init(headers: [RecordHeader]) throws(EnvelopeError) {
        let version = try headers.singleText(Header.specVersion)
        guard version == Self.specVersion else {
            throw .invalidHeader(name: Header.specVersion, value: version, reason: "must be \(Self.specVersion)")
        }
        let contentType = try headers.singleText(Header.contentType)
        let mediaType = contentType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard mediaType == Self.contentType else {
            throw .invalidHeader(name: Header.contentType, value: contentType, reason: "must be \(Self.contentType)")
        }
        let timeText = try headers.singleText(Header.time)
        guard let time = RFC3339.parse(timeText) else {
            throw .invalidHeader(name: Header.time, value: timeText, reason: "is not an RFC 3339 timestamp")
        }
        self.init(id: try headers.singleText(Header.id), source: try headers.singleText(Header.source),
                  type: try headers.singleText(Header.type), time: time,
                  subject: try headers.singleText(Header.subject))
        try validate()
    }

    /// Checks the attribute values: non-empty id and subject, a URI-reference source, a type
    /// shaped like `pmo.<noun>.<verb>.v<N>`.
    public func validate() throws(EnvelopeError) {
        guard !id.isEmpty, !id.contains(where: \.isNewline) else {
            throw .invalidHeader(name: Header.id, value: id, reason: "must be a non-empty single line")
        }
        guard Self.isURIReference(source) else {
            throw .invalidHeader(name: Header.source, value: source,
                                 reason: "must be a non-empty URI-reference without spaces, e.g. /pmo/intake")
        }
        guard EventTypeName.version(of: type) != nil, type.split(separator: ".").count >= 3 else {
            throw .invalidHeader(name: Header.type, value: type, reason: "must look like pmo.status.reported.v1")
        }
        guard !subject.isEmpty else {
            throw .invalidHeader(name: Header.subject, value: subject, reason: "must be the record key, not empty")
        }
    }

    /// The envelope as Kafka headers, in the order of ``Header/all``.
    public func headers() throws(EnvelopeError) -> [RecordHeader] {
        try validate()
        return [
            RecordHeader(Header.specVersion, Self.specVersion),
            RecordHeader(Header.id, id),
            RecordHeader(Header.source, source),
            RecordHeader(Header.type, type),
            RecordHeader(Header.time, RFC3339.format(time)),
            RecordHeader(Header.subject, subject),
            RecordHeader(Header.contentType, Self.contentType),
        ]
    }

    /// The (`ce_source`, `ce_id`) pair consumers deduplicate on.
    public var identity: EventIdentity { EventIdentity(source: source, id: id) }

    /// Whether `text` is an acceptable URI-reference: non-empty, printable ASCII, no spaces or
    /// characters RFC 3986 forbids.
    static func isURIReference(_ text: String) -> Bool {
        guard !text.isEmpty else { return false }
        let forbidden = Set(" \"<>\\^`{|}")
        return text.unicodeScalars.allSatisfy { $0.isASCII && $0.value > 0x20 && $0.value < 0x7F }
            && !text.contains(where: forbidden.contains)
    }
}
