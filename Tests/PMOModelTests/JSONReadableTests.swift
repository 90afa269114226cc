import Foundation
import Testing
@testable import PMOModel

/// The contract types' fast reader (``JSONReadable``) takes every valid record, and whatever it
/// takes it reads exactly as `JSONDecoder` through `RecordDecoder` does; it never takes a record
/// that decoding rejects.
@Suite struct JSONReadableTests {
    /// The event the fast path reads from `data`, or `nil` when it leaves the record to `JSONDecoder`.
    private func fast<E: PMOEvent>(_ type: E.Type, _ data: Data) -> E? {
        E(jsonBytes: data)
    }

    /// What `JSONDecoder` through `RecordDecoder` makes of `data`, or `nil` when it rejects it.
    private func codable<E: PMOEvent>(_ type: E.Type, _ data: Data) -> E? {
        try? PMOJSON.decode(E.self, from: data)
    }

    /// Checks one document for event type `E`: when the fast path takes it, decoding takes it
    /// too, as the same value with the same digits. Returns whether the fast path took it.
    @discardableResult
    private func agree<E: PMOEvent>(_ type: E.Type, _ data: Data, _ what: @autoclosure () -> String) throws -> Bool {
        guard let read = fast(E.self, data) else { return false }
        let decoded = codable(E.self, data)
        #expect(decoded == read, "\(what()): the fast path took a record decoding reads otherwise")
        if let decoded {
            #expect(try read.jsonBytes() == decoded.jsonBytes(), "\(what()): the same value with other digits")
        }
        return true
    }

    @Test(arguments: EventRegistry.standard.eventTypes)
    func everyExampleIsReadAsJSONDecoderReadsIt(_ eventType: String) throws {
        let type = try #require(EventRegistry.standard.type(for: eventType))
        for (index, data) in try exampleData(eventType).enumerated() {
            #expect(try agree(type, data, "\(eventType) example \(index)"), "the fast path left a valid example to JSONDecoder")
        }
    }

    @Test(arguments: EventRegistry.standard.eventTypes)
    func noBrokenRecordIsTakenThatDecodingRejects(_ eventType: String) throws {
        // Every member of every object of every example, at any depth: removed, replaced by a
        // value of each JSON kind, and joined by an unknown member.
        let type = try #require(EventRegistry.standard.type(for: eventType))
        let replacements: [Any] = ["x", "", 1.5, 3, -1, 1e300, NSNull(), true, [Any](), [String: Any](), "2026-02-30", "PRJ-2026-001"]
        var taken = 0
        var documents = 0
        for data in try exampleData(eventType) {
            let root = try JSONSerialization.jsonObject(with: data)
            for path in Self.objectPaths(in: root) {
                guard let object = Self.value(at: path, in: root) as? [String: Any] else { continue }
                var variants: [Any] = [Self.replacing(path, in: root, with: object.merging(["unknownMember": 1]) { $1 })]
                for key in object.keys {
                    var without = object
                    without[key] = nil
                    variants.append(Self.replacing(path, in: root, with: without))
                    for replacement in replacements {
                        var changed = object
                        changed[key] = replacement
                        variants.append(Self.replacing(path, in: root, with: changed))
                    }
                }
                for variant in variants {
                    let document = try JSONSerialization.data(withJSONObject: variant)
                    documents += 1
                    if try agree(type, document, "\(eventType) at /\(path.joined(separator: "/"))") { taken += 1 }
                }
            }
        }
        #expect(documents > 0 && taken < documents)
    }

    @Test func malformedJSONIsLeftToJSONDecoder() {
        let documents = [#"{"a":1,}"#, #"{"a":01}"#, #"{"a":1,"a":2}"#, #"{"a":"\ud800"}"#, #"{"a":"\udc00x"}"#, "{\"a\":\"\u{01}\"}",
                         #"{"a":1} x"#, #"{"a":.5}"#, #"{"a":1.}"#, #"{"a":-}"#, #"{"a":tru}"#, #"{'a':1}"#, #"{"a":"\x"}"#, ""]
        for document in documents {
            #expect(JSONValue(parsing: Array(document.utf8)) == nil, "\(document)")
        }
        #expect(JSONValue(parsing: [UInt8(ascii: "\""), 0xC3, 0x28, UInt8(ascii: "\"")]) == nil, "invalid UTF-8")
        let deep = String(repeating: "[", count: JSONValue.maximumDepth + 2) + String(repeating: "]", count: JSONValue.maximumDepth + 2)
        #expect(JSONValue(parsing: Array(deep.utf8)) == nil)
    }

    @Test func malformedRecordsOfAContractTypeAreLeftToJSONDecoder() throws {
        let valid = String(decoding: try exampleData(StatusReported.eventType)[0], as: UTF8.self)
        #expect(StatusReported(jsonBytes: Array(valid.utf8)) != nil, "the example itself is read")
        let body = valid.trimmingCharacters(in: .whitespacesAndNewlines)
        let inner = String(body.dropFirst())
        let broken: [(String, String)] = [
            ("a trailing comma", String(body.dropLast()) + ",}"),
            ("a repeated member", #"{"projectId":"PRJ-2026-001","# + inner),
            // The first comma before a member name, wherever the example's members fall (its
            // members come out of JSONSerialization in no fixed order).
            ("a missing comma", body.replacingCharacters(in: try #require(body.range(of: #",\s*""#, options: .regularExpression)), with: " \"")),
            ("something after the document", body + " x"),
            ("a second document", body + body),
            ("a number with a leading zero", body.replacingOccurrences(of: #""baselineRevision":\s*"#, with: #""baselineRevision":0"#, options: .regularExpression)),
            ("a member name that is not a string", "{projectId:1," + inner),
            ("an unclosed object", String(body.dropLast())),
            ("null for an optional member", body.replacingOccurrences(of: #""percentComplete":\s*[0-9.]+"#, with: #""percentComplete":null"#, options: .regularExpression)),
        ]
        for (what, document) in broken {
            #expect(document != body)
            #expect(StatusReported(jsonBytes: Array(document.utf8)) == nil, "\(what): \(document)")
        }
    }

    @Test func memberNamesAreMatchedAsJSONDecoderMatchesThem() throws {
        let valid = String(decoding: try exampleData(StatusReported.eventType)[0], as: UTF8.self)
        let plain = try #require(StatusReported(jsonBytes: Array(valid.utf8)))
        // Written with an escape, a name is the same name.
        let escaped = valid.replacingOccurrences(of: #""projectId""#, with: #""project\u0049d""#)
        #expect(escaped != valid)
        #expect(try agree(StatusReported.self, Data(escaped.utf8), "an escaped member name"), "left to JSONDecoder")
        #expect(StatusReported(jsonBytes: Array(escaped.utf8)) == plain)
        // A name one byte shorter or longer is another name.
        for other in [#""projectI""#, #""projectIdd""#] {
            let document = valid.replacingOccurrences(of: #""projectId""#, with: other)
            #expect(StatusReported(jsonBytes: Array(document.utf8)) == nil, "\(other)")
            #expect(codable(StatusReported.self, Data(document.utf8)) == nil, "\(other)")
        }
        // In a tree, names are text: escaped or not, and never bytes that are not UTF-8.
        guard case .object(let members)? = JSONValue(parsing: Array(#"{"a\u0062":1}"#.utf8)) else {
            Issue.record("an object whose member name has an escape was not read")
            return
        }
        #expect(members.map(\.key) == ["ab"])
        #expect(JSONValue(parsing: Array(#"{"a\u0062":1,"ab":2}"#.utf8)) == nil, "the same name twice")
        let notUTF8: [UInt8] = [UInt8(ascii: "{"), UInt8(ascii: "\""), 0xC3, 0x28, UInt8(ascii: "\""), UInt8(ascii: ":"), UInt8(ascii: "1"), UInt8(ascii: "}")]
        #expect(JSONValue(parsing: notUTF8) == nil)
    }

    @Test func stringsAreUnescapedAsJSONDecoderUnescapesThem() throws {
        let literals = [#""plain""#, #""quote \" backslash \\ slash \/ /""#, #""\b\f\n\r\t""#, #""\u00e9\u4E2D\ud83d\ude80""#,
                        #""\u0000 and \u001f""#, "\"é 中 🚀\""]
        for literal in literals {
            let expected = try JSONDecoder().decode(String.self, from: Data(literal.utf8))
            #expect(JSONValue(parsing: Array(literal.utf8)).flatMap { String(json: $0) } == expected, "\(literal)")
            #expect(String(jsonBytes: Array(literal.utf8)) == expected, "\(literal), read directly")
        }
    }

    @Test func numbersAreReadAsJSONDecoderReadsThem() throws {
        for text in ["0", "-0", "3", "3.0", "30e-1", "-21043.48", "29315.00", "1e-7", "0.1", "123456789.123456789", "9007199254740993"] {
            let json = try #require(JSONValue(parsing: Array(text.utf8)))
            #expect(Double(json: json)?.bitPattern == (try JSONDecoder().decode(Double.self, from: Data(text.utf8))).bitPattern, "\(text)")
            let decimal = try JSONDecoder().decode(Decimal.self, from: Data(text.utf8))
            #expect(Decimal(json: json) == decimal && Decimal(json: json)?.description == decimal.description, "\(text)")
            let direct = Decimal(jsonBytes: Array(text.utf8))
            #expect(direct == decimal && direct?.description == decimal.description, "\(text), read directly")
            #expect(Double(jsonBytes: Array(text.utf8))?.bitPattern == Double(json: json)?.bitPattern, "\(text), read directly")
        }
        #expect(Int(json: .number("3.0")) == 3 && Int(json: .number("3.5")) == nil && Int(json: .number("1e30")) == nil)
        #expect(Double(json: .number("1e400")) == nil)
    }

    // MARK: - Walking a JSONSerialization tree

    /// The paths of every object in `value` (member names and array indices as text).
    private static func objectPaths(in value: Any, at path: [String] = []) -> [[String]] {
        switch value {
        case let object as [String: Any]:
            return [path] + object.keys.sorted().flatMap { objectPaths(in: object[$0]!, at: path + [$0]) }
        case let array as [Any]:
            return array.indices.flatMap { objectPaths(in: array[$0], at: path + [String($0)]) }
        default:
            return []
        }
    }

    private static func value(at path: [String], in root: Any) -> Any? {
        path.reduce(Optional(root)) { value, step in
            if let object = value as? [String: Any] { return object[step] }
            if let array = value as? [Any], let index = Int(step), array.indices.contains(index) { return array[index] }
            return nil
        }
    }

    private static func replacing(_ path: [String], in root: Any, with replacement: Any) -> Any {
        guard let step = path.first else { return replacement }
        let rest = Array(path.dropFirst())
        if var object = root as? [String: Any], let child = object[step] {
            object[step] = replacing(rest, in: child, with: replacement)
            return object
        }
        if var array = root as? [Any], let index = Int(step), array.indices.contains(index) {
            array[index] = replacing(rest, in: array[index], with: replacement)
            return array
        }
        return root
    }
}
