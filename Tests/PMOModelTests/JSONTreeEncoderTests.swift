import Foundation
import Testing
@testable import PMOModel

/// `JSONTreeEncoder` writes the very bytes `JSONEncoder` with ``PMOJSON``'s settings writes.
@Suite struct JSONTreeEncoderTests {
    private func expectSameBytes(_ value: some Encodable, _ what: String = "") throws {
        let tree = String(decoding: try JSONTreeEncoder.encode(value), as: UTF8.self)
        let foundation = String(decoding: try PMOJSON.encode(value), as: UTF8.self)
        #expect(tree == foundation, "\(what)")
    }

    enum Shape: Codable, Equatable {
        case circle(radius: Double)
        case labelled(String, Decimal)
        case nothing
    }

    struct Everything: Codable {
        var text = "quote \" slash / tab\t é 🚀"
        var whole = -42
        var small: Int8 = -8
        var large: UInt64 = .max
        var fraction = 0.9436
        var single: Float = 1.5
        var flag = true
        var amount = Decimal(string: "-21043.48")!
        var long = Decimal(string: "373043.478260869565217391304347826087")!
        var when = Date(timeIntervalSince1970: 1_790_000_000.123)
        var day = CalendarDate("2026-09-14")!
        var bytes = Data([0, 1, 2, 250])
        var link = URL(string: "https://pmo.example.org/a?b=c")!
        var missing: String?
        var present: String? = "here"
        var optionals: [Int?] = [1, nil, 3]
        var byName: [String: Int] = ["b": 2, "a": 1, "B": 0, "aa": 3]
        var byNumber: [Int: String] = [10: "ten", 2: "two"]
        var byDay: [CalendarDate: Int] = [CalendarDate("2026-01-01")!: 1, CalendarDate("2025-12-31")!: 2]
        var shapes: [Shape] = [.circle(radius: 2), .labelled("x", 1.5), .nothing]
        var nested: [[String: [Double]]] = [["z": [1, 2.5]], [:]]
        var empty: [Int] = []
        var money = Money(1_250_000, "EUR")
    }

    /// A type that encodes through nested containers and super encoders by hand.
    struct HandMade: Encodable {
        enum Keys: String, CodingKey { case outer, list, base }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            var outer = container.nestedContainer(keyedBy: Keys.self, forKey: .outer)
            try outer.encode(1, forKey: .base)
            try outer.encode("set twice", forKey: .base)
            var list = container.nestedUnkeyedContainer(forKey: .list)
            try list.encode("a")
            var inner = list.nestedContainer(keyedBy: Keys.self)
            try inner.encodeNil(forKey: .outer)
            try Money(3, "USD").encode(to: container.superEncoder(forKey: .base))
            try "parent".encode(to: container.superEncoder())
        }
    }

    struct Silent: Encodable {
        func encode(to encoder: any Encoder) throws {}
    }

    @Test func everyKindOfValueIsWrittenAsJSONEncoderWritesIt() throws {
        try expectSameBytes(Everything())
        try expectSameBytes(HandMade())
        try expectSameBytes([Silent()])
        try expectSameBytes(Shape.labelled("y", 2))
        try expectSameBytes("fragment")
        try expectSameBytes([1.0, 100, 1e-5, -0.0])
    }

    @Test(arguments: EventRegistry.standard.eventTypes)
    func everyExampleIsWrittenAsJSONEncoderWritesIt(_ eventType: String) throws {
        for data in try exampleData(eventType) {
            try expectSameBytes(try EventRegistry.standard.decode(type: eventType, data: data), eventType)
        }
    }

    @Test func aNumberJSONCannotCarryIsAnError() {
        #expect(throws: JSONOutputError.self) { try JSONTreeEncoder.encode([Double.nan]) }
        #expect(throws: JSONOutputError.self) { try JSONTreeEncoder.encode(["x": Float.infinity]) }
    }
}
