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
    ///
    /// The headers are looked at once (``HeaderSelection``); the checks and the error reported for
    /// a bad envelope are, in order: `ce_specversion`, `content-type`, `ce_time`, `ce_id`,
    /// `ce_source`, `ce_type`, `ce_subject` (missing, repeated, not UTF-8, bad value), then the
    /// attribute values (``validate()``).
    public init(headers: [RecordHeader]) throws(EnvelopeError) {
        let found = HeaderSelection(headers, names: Header.all)
        if try found.single(Header.specVersion).value != Self.specVersionBytes {
            let version = try found.singleText(Header.specVersion)
            guard version == Self.specVersion else {
                throw .invalidHeader(name: Header.specVersion, value: version, reason: "must be \(Self.specVersion)")
            }
        }
        if try found.single(Header.contentType).value != Self.contentTypeBytes {
            let contentType = try found.singleText(Header.contentType)
            let mediaType = contentType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard mediaType == Self.contentType else {
                throw .invalidHeader(name: Header.contentType, value: contentType, reason: "must be \(Self.contentType)")
            }
        }
        // A timestamp is ASCII: its bytes are parsed where they are, and made text only to report
        // one that is not UTF-8 or not a timestamp.
        guard let time = RFC3339.parse(utf8: try found.single(Header.time).value) else {
            let timeText = try found.singleText(Header.time)
            throw .invalidHeader(name: Header.time, value: timeText, reason: "is not an RFC 3339 timestamp")
        }
        self.init(id: try found.singleText(Header.id), source: try found.singleText(Header.source),
                  type: try found.singleText(Header.type), time: time,
                  subject: try found.singleText(Header.subject))
        try validate()
    }

    /// Checks the attribute values: non-empty id and subject, a URI-reference source, a type
    /// shaped like `pmo.<noun>.<verb>.v<N>`.
    public func validate() throws(EnvelopeError) {
        guard !id.isEmpty, !Self.containsNewline(id) else {
            throw .invalidHeader(name: Header.id, value: id, reason: "must be a non-empty single line")
        }
        guard Self.isURIReference(source) else {
            throw .invalidHeader(name: Header.source, value: source,
                                 reason: "must be a non-empty URI-reference without spaces, e.g. /pmo/intake")
        }
        guard Self.isEventTypeName(type) else {
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
            RecordHeader(name: Header.specVersion, value: Self.specVersionBytes),
            RecordHeader(Header.id, id),
            RecordHeader(Header.source, source),
            RecordHeader(Header.type, type),
            RecordHeader(Header.time, RFC3339.format(time)),
            RecordHeader(Header.subject, subject),
            RecordHeader(name: Header.contentType, value: Self.contentTypeBytes),
        ]
    }

    /// The (`ce_source`, `ce_id`) pair consumers deduplicate on.
    public var identity: EventIdentity { EventIdentity(source: source, id: id) }

    /// Whether `text` is an acceptable URI-reference: non-empty, printable ASCII, no spaces or
    /// characters RFC 3986 forbids.
    public static func isURIReference(_ text: String) -> Bool {
        // Printable ASCII is one byte per character, so looking at the bytes is looking at the
        // characters; any other byte fails the check.
        !text.isEmpty && text.utf8.allSatisfy { byte in
            byte > 0x20 && byte < 0x7F && !isForbiddenInURIs(byte)
        }
    }

    /// Whether `byte` is one of the printable ASCII characters RFC 3986 does not allow in a URI:
    /// `"`, `<`, `>`, `\`, `^`, `` ` ``, `{`, `|`, `}` (space is not printable here).
    private static func isForbiddenInURIs(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\\"), UInt8(ascii: "^"),
             UInt8(ascii: "`"), UInt8(ascii: "{"), UInt8(ascii: "|"), UInt8(ascii: "}"):
            true
        default:
            false
        }
    }

    /// `ce_specversion`'s only value, as header bytes.
    static let specVersionBytes = Array(specVersion.utf8)
    /// `content-type`'s usual value, as header bytes.
    static let contentTypeBytes = Array(contentType.utf8)

    /// Whether `text` holds a line break: a character that `Character.isNewline` calls one. Such a
    /// character always begins with one of these scalars (they are grapheme breaks on both
    /// sides), so the scalars are enough.
    static func containsNewline(_ text: String) -> Bool {
        // ASCII text (the usual id) is checked byte by byte; a non-ASCII byte sends the whole
        // text through the scalar check.
        let asciiVerdict = text.utf8.withContiguousStorageIfAvailable { bytes -> Bool? in
            for byte in bytes {
                if byte >= 0x80 { return nil }
                if byte >= 0x0A && byte <= 0x0D { return true }
            }
            return false
        }
        if let verdict = asciiVerdict ?? nil { return verdict }
        return text.unicodeScalars.contains { scalar in
            switch scalar.value {
            case 0x0A...0x0D, 0x85, 0x2028, 0x2029: true
            default: false
            }
        }
    }

    /// Whether `type` is shaped like an event type: a version after its last `.v`
    /// (``EventTypeName/version(of:)``) and at least three non-empty parts between dots.
    static func isEventTypeName(_ type: String) -> Bool {
        let asciiCheck = type.utf8.withContiguousStorageIfAvailable { bytes -> Bool? in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            return isASCIIEventTypeName(bytes)
        }
        if let verdict = asciiCheck ?? nil { return verdict }
        return EventTypeName.version(of: type) != nil && type.split(separator: ".").count >= 3
    }

    /// ``isEventTypeName(_:)`` for ASCII text, where characters are bytes: the same verdict as
    /// `EventTypeName.version(of:) != nil` (an `Int` after the last `.v`: an optional sign, then
    /// digits, within `Int`'s range) and `split(separator: ".").count >= 3`.
    private static func isASCIIEventTypeName(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let dot = UInt8(ascii: "."), v = UInt8(ascii: "v")
        var parts = 0
        var inPart = false
        for byte in bytes {
            if byte == dot {
                inPart = false
            } else if !inPart {
                inPart = true
                parts += 1
            }
        }
        guard parts >= 3, bytes.count >= 2 else { return false }
        var start = bytes.count - 2
        while !(bytes[start] == dot && bytes[start + 1] == v) {
            guard start > 0 else { return false }
            start -= 1
        }
        return parsesAsInt(UnsafeBufferPointer(rebasing: bytes[(start + 2)...]))
    }

    /// Whether `Int(text)` succeeds for ASCII `text`: an optional `+` or `-`, then at least one
    /// digit, and the value fits.
    private static func parsesAsInt(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var digits = bytes[...]
        var negative = false
        if let sign = digits.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
            negative = sign == UInt8(ascii: "-")
            digits = digits.dropFirst()
        }
        guard !digits.isEmpty else { return false }
        var value = 0
        for byte in digits {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return false }
            let digit = Int(byte - UInt8(ascii: "0"))
            let (shifted, overflowA) = value.multipliedReportingOverflow(by: 10)
            let (next, overflowB) = negative ? shifted.subtractingReportingOverflow(digit) : shifted.addingReportingOverflow(digit)
            guard !overflowA, !overflowB else { return false }
            value = next
        }
        return true
    }
}
