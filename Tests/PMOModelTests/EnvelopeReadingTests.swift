import Foundation
import Testing
@testable import PMOModel

/// The envelope is read in one pass over the headers, with byte-level checks of its values. These
/// tests hold it to the straightforward reading it replaced (kept below as the reference): the
/// same attributes, or the same error, for well-formed, defective and oddly ordered headers.
@Suite struct EnvelopeReadingTests {
    // MARK: The reference: how the envelope was read before

    /// The text of the only header called `name`, found by filtering every header.
    static func referenceText(_ headers: [RecordHeader], _ name: String) throws(EnvelopeError) -> String {
        let matches = headers.filter { $0.name == name }
        guard let header = matches.first else { throw .missingHeader(name) }
        guard matches.count == 1 else { throw .repeatedHeader(name) }
        guard let text = header.text else {
            throw .invalidHeader(name: name, value: "\(header.value.count) bytes", reason: "is not UTF-8 text")
        }
        return text
    }

    static func referenceValidate(_ attributes: CloudEventAttributes) throws(EnvelopeError) {
        typealias Header = CloudEventAttributes.Header
        guard !attributes.id.isEmpty, !attributes.id.contains(where: \.isNewline) else {
            throw .invalidHeader(name: Header.id, value: attributes.id, reason: "must be a non-empty single line")
        }
        guard referenceIsURIReference(attributes.source) else {
            throw .invalidHeader(name: Header.source, value: attributes.source,
                                 reason: "must be a non-empty URI-reference without spaces, e.g. /pmo/intake")
        }
        guard referenceIsEventType(attributes.type) else {
            throw .invalidHeader(name: Header.type, value: attributes.type, reason: "must look like pmo.status.reported.v1")
        }
        guard !attributes.subject.isEmpty else {
            throw .invalidHeader(name: Header.subject, value: attributes.subject, reason: "must be the record key, not empty")
        }
    }

    static func referenceIsURIReference(_ text: String) -> Bool {
        guard !text.isEmpty else { return false }
        let forbidden = Set(" \"<>\\^`{|}")
        return text.unicodeScalars.allSatisfy { $0.isASCII && $0.value > 0x20 && $0.value < 0x7F }
            && !text.contains(where: forbidden.contains)
    }

    static func referenceIsEventType(_ type: String) -> Bool {
        EventTypeName.version(of: type) != nil && type.split(separator: ".").count >= 3
    }

    static func reference(_ headers: [RecordHeader]) throws(EnvelopeError) -> CloudEventAttributes {
        typealias Header = CloudEventAttributes.Header
        let version = try referenceText(headers, Header.specVersion)
        guard version == CloudEventAttributes.specVersion else {
            throw .invalidHeader(name: Header.specVersion, value: version, reason: "must be 1.0")
        }
        let contentType = try referenceText(headers, Header.contentType)
        let mediaType = contentType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard mediaType == CloudEventAttributes.contentType else {
            throw .invalidHeader(name: Header.contentType, value: contentType, reason: "must be application/json")
        }
        let timeText = try referenceText(headers, Header.time)
        guard let time = RFC3339.parse(timeText) else {
            throw .invalidHeader(name: Header.time, value: timeText, reason: "is not an RFC 3339 timestamp")
        }
        let attributes = CloudEventAttributes(
            id: try referenceText(headers, Header.id), source: try referenceText(headers, Header.source),
            type: try referenceText(headers, Header.type), time: time, subject: try referenceText(headers, Header.subject))
        try referenceValidate(attributes)
        return attributes
    }

    // MARK: Cases

    static let valid: [RecordHeader] = [
        RecordHeader("ce_specversion", "1.0"), RecordHeader("ce_id", "intake/decision/PRJ-2026-014/r1/approved"),
        RecordHeader("ce_source", "/pmo/intake"), RecordHeader("ce_type", "pmo.intake.decision.made.v1"),
        RecordHeader("ce_time", "2026-02-25T08:30:00.125Z"), RecordHeader("ce_subject", "PRJ-2026-014"),
        RecordHeader("content-type", "application/json"),
    ]

    /// Values each header is tried with, good and bad.
    static let variants: [String: [[UInt8]]] = [
        "ce_specversion": ["1.0", "0.3", "1.0 ", "", "1"].map { Array($0.utf8) } + [[0xFF]],
        "ce_id": ["x", "", "a\nb", "a\r\nb", "a\u{2028}b", "a\u{85}b", "tab\there", "é"].map { Array($0.utf8) } + [[0xC3]],
        "ce_source": ["/pmo/intake", "pmo intake", "", "/a\"b", "/a{b}", "/é", "/a|b", "/a\\b", "/a^b", "/a`b", "/a~b",
                      "urn:x:y", "/a\u{7F}"].map { Array($0.utf8) },
        "ce_type": ["pmo.intake.decision.made.v1", "DecisionMade", "pmo.x.v1", "x.v1", "pmo..x.v1", "pmo.x.y.v",
                    "pmo.x.y.v+2", "pmo.x.y.v-", "pmo.x.y.v99999999999999999999", "pmo.x.y.v1.v", "pmo.é.x.v1",
                    "pmo.x.y.v١"].map { Array($0.utf8) },
        "ce_time": ["2026-02-25T08:30:00.125Z", "2026-02-25 08:30", "2026-02-25t08:30:00z", ""].map { Array($0.utf8) },
        "ce_subject": ["PRJ-2026-014", "", " "].map { Array($0.utf8) },
        "content-type": ["application/json", "application/json; charset=utf-8", "Application/JSON", " application/json ;x",
                         "application/avro", "", ";"].map { Array($0.utf8) } + [[0xFE]],
    ]

    /// The valid headers with one header changed, removed or repeated, two defects at once, in
    /// other orders, and with foreign headers around them.
    static func cases() -> [[RecordHeader]] {
        var cases: [[RecordHeader]] = [valid, valid.reversed(), valid + [RecordHeader("traceparent", "00-abc-def-01")],
                                       [RecordHeader("ce_idx", "1"), RecordHeader("ce", "2")] + valid]
        for (index, header) in valid.enumerated() {
            var removed = valid
            removed.remove(at: index)
            cases.append(removed)
            cases.append(valid + [header])
            cases.append(valid + [RecordHeader(name: header.name, value: [0xFF])])
            cases.append([header] + valid.reversed())
            for value in variants[header.name] ?? [] {
                var changed = valid
                changed[index] = RecordHeader(name: header.name, value: value)
                cases.append(changed)
                cases.append(changed.reversed())
                for other in valid.indices where other != index {
                    var twice = changed
                    twice.remove(at: other)
                    cases.append(twice)
                    cases.append(changed + [valid[other]])
                }
            }
        }
        return cases
    }

    @Test func readsEveryEnvelopeAsTheReferenceDoes() {
        let cases = Self.cases()
        #expect(cases.count > 500)
        for headers in cases {
            let read = Result { () throws(EnvelopeError) in try CloudEventAttributes(headers: headers) }
            let expected = Result { () throws(EnvelopeError) in try Self.reference(headers) }
            #expect(read == expected, "\(headers.map { "\($0.name)=\($0.text ?? "\($0.value)")" })")
        }
    }

    @Test func repeatedHeadersAreRefusedWhateverTheirValues() throws {
        for name in CloudEventAttributes.Header.all {
            for (first, second) in [("a", "a"), ("a", "b")] {
                var headers = Self.valid.filter { $0.name != name }
                headers.insert(RecordHeader(name, first), at: 2)
                headers.append(RecordHeader(name, second))
                #expect(throws: EnvelopeError.repeatedHeader(name)) { try CloudEventAttributes(headers: headers) }
            }
        }
    }

    @Test func findsOnlyTheHeadersAskedFor() throws {
        let headers = [RecordHeader("a", "1"), RecordHeader("b", "2"), RecordHeader("a", "3"), RecordHeader("c", "4")]
        let selection = HeaderSelection(headers, names: ["a", "c", "d"])
        #expect(throws: EnvelopeError.repeatedHeader("a")) { try selection.single("a") }
        #expect(try selection.singleText("c") == "4")
        #expect(throws: EnvelopeError.missingHeader("d")) { try selection.single("d") }
        #expect(throws: EnvelopeError.missingHeader("b")) { try selection.single("b") }
    }

    // MARK: The value checks against the reference, on many values

    /// Every string of up to `length` characters from `alphabet`.
    static func strings(_ alphabet: [String], upTo length: Int) -> [String] {
        var all = [""]
        var layer = [""]
        for _ in 0..<length {
            layer = layer.flatMap { prefix in alphabet.map { prefix + $0 } }
            all += layer
        }
        return all
    }

    @Test func eventTypeCheckAgreesWithTheReference() {
        var texts = Self.strings([".", "v", "1", "+", "-", "a"], upTo: 6)
        texts += ["pmo.x.y.v9223372036854775807", "pmo.x.y.v9223372036854775808", "pmo.x.y.v-9223372036854775808",
                  "pmo.x.y.v-9223372036854775809", "pmo.x.y.v+0", "pmo.x.y.V1", "pmo.x.y.v1 ", "pmo.x.y.v1\u{301}",
                  "pmo.x.y.v\u{301}1", "pmo.é.y.v1", "pmo.x.y.v١", "pmo.x\u{301}.y.v2", "pmo.x.y.v2.v\u{301}", "pmo\r\n.x.y.v3"]
        for text in texts {
            #expect(CloudEventAttributes.isEventTypeName(text) == Self.referenceIsEventType(text), "\(text.debugDescription)")
        }
    }

    @Test func sourceAndIdChecksAgreeWithTheReference() {
        var texts = Self.strings(["/", "a", " ", "{", "\u{7F}", "\r\n"], upTo: 4)
        texts += (0...0x3000).compactMap { Unicode.Scalar($0).map { "/p\(Character($0))" } }
        texts += ["a\u{2028}", "\u{2029}", "\u{85}", "x\r", "\r\n", "e\u{301}\n", "\u{1F600}", "\u{0B}", "\u{0C}"]
        for text in texts {
            #expect(CloudEventAttributes.isURIReference(text) == Self.referenceIsURIReference(text), "\(text.debugDescription)")
            #expect(CloudEventAttributes.containsNewline(text) == text.contains(where: \.isNewline), "\(text.debugDescription)")
        }
    }

    @Test func headerTextIsThatOfStrictUTF8Validation() {
        var values: [[UInt8]] = [[], Array("ce_id".utf8), Array("é€😀".utf8), [0], [0xEF, 0xBF, 0xBD], [0x61, 0, 0x62],
                                 Array("2026-02-25T08:30:00.125Z".utf8)]
        for first in 0...255 {
            values.append([UInt8(first)])
            values.append([0x61, UInt8(first)])
            guard first >= 0xC0 else { continue }
            for second in 0...255 { values.append([UInt8(first), UInt8(second)]) }
        }
        for lead in [0xE0, 0xED, 0xEF, 0xF0, 0xF4, 0xF5] {
            for second in 0x70...0xC0 {
                values.append([UInt8(lead), UInt8(second), 0x80])
                values.append([UInt8(lead), UInt8(second), 0x80, 0x80])
                values.append([UInt8(lead), UInt8(second), 0x80, 0x41])
            }
        }
        for value in values {
            #expect(RecordHeader(name: "h", value: value).text == String(validating: value, as: UTF8.self), "\(value)")
        }
    }
}
