import Foundation
import Testing
@testable import PMOModel

/// The contract types' own JSON writer (``JSONWritable``) gives the very bytes `JSONEncoder` with
/// ``PMOJSON``'s settings gives, so that switching between them changes no record.
@Suite struct JSONOutputTests {
    /// What `JSONEncoder` (``PMOJSON``) makes of `value`.
    private func foundation(_ value: some Encodable) throws -> String {
        String(decoding: try PMOJSON.encode(value), as: UTF8.self)
    }

    /// What the writer makes of `value`.
    private func written(_ value: some JSONWritable) throws -> String {
        String(decoding: try value.jsonBytes(), as: UTF8.self)
    }

    @Test(arguments: EventRegistry.standard.eventTypes)
    func everyExampleIsWrittenAsJSONEncoderWritesIt(_ eventType: String) throws {
        for data in try exampleData(eventType) {
            let event = try EventRegistry.standard.decode(type: eventType, data: data)
            #expect(try written(event) == foundation(event))
        }
    }

    @Test func absentOptionalsAreLeftOutAndEmptyListsWritten() throws {
        var report = try example(StatusReported.self)
        report.earnedValue = nil
        report.percentComplete = 42.5
        report.risks = []
        let text = try written(report)
        #expect(text == (try foundation(report)))
        #expect(!text.contains("\"earnedValue\""))
        #expect(text.contains("\"risks\":[]"))
    }

    @Test func membersComeInTheOrderOfTheirUTF8Bytes() throws {
        let measures = EarnedValueMeasures(
            plannedValue: Money(1, "EUR"), earnedValue: Money(2, "EUR"), actualCost: Money(3, "EUR"),
            budgetAtCompletion: Money(4, "EUR"), scheduleVariance: Money(1, "EUR"), costVariance: Money(-1, "EUR"),
            schedulePerformanceIndex: 2, costPerformanceIndex: 0.6667, estimateMethod: .bacOverCPI)
        let text = try written(measures)
        #expect(text == (try foundation(measures)))
        let keys = ["actualCost", "budgetAtCompletion", "costPerformanceIndex", "costVariance", "earnedValue",
                    "estimateMethod", "plannedValue", "schedulePerformanceIndex", "scheduleVariance"]
        let positions = keys.map { text.range(of: "\"\($0)\":")!.lowerBound }
        #expect(positions == positions.sorted())
    }

    @Test(arguments: [
        "plain", "", "quote \" and backslash \\", "slash / stays", "tab\tnew\nline\rreturn",
        "\u{08}\u{0C}\u{00}\u{01}\u{1F}\u{7F}", "accents é ü and 中文 and 🚀", "a\u{10}b",
    ])
    func stringsAreEscapedAsJSONEncoderEscapesThem(_ text: String) throws {
        #expect(try written([text]) == foundation([text]))
    }

    @Test func doublesAreWrittenAsJSONEncoderWritesThem() throws {
        var values: [Double] = [0, -0.0, 1, -1, 100, 0.95, 0.9436, 1e-5, 0.00005, 1e21, 1e22, 123_456_789.123,
                                Double.leastNonzeroMagnitude, Double.greatestFiniteMagnitude, 0.1 + 0.2, 5e-324]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            values.append(Double(bitPattern: generator.next()))
            values.append(Double.random(in: -1e7...1e7, using: &generator))
            values.append((Double.random(in: 0...3, using: &generator) * 10_000).rounded() / 10_000)
        }
        let finite = values.filter(\.isFinite)
        #expect(try written(finite) == foundation(finite))
    }

    @Test func decimalsAndMoneyAreWrittenAsJSONEncoderWritesThem() throws {
        var values: [Money] = ["0", "-0.5", "1250000", "1250000.00", "373043.478260869565217391304347826087",
                               "-21043.48", "0.000001", "99999999999999999999"].map { Money(Decimal(string: $0)!, "EUR") }
        for cents in stride(from: -100_000, through: 100_000, by: 997) {
            values.append(Money(Decimal(cents) / 100, "USD"))
        }
        #expect(try written(values) == foundation(values))
    }

    @Test func integersBooleansDatesAndInstantsAreWrittenAsJSONEncoderWritesThem() throws {
        #expect(try written([Int.min, -1, 0, 7, Int.max]) == foundation([Int.min, -1, 0, 7, Int.max]))
        #expect(try written([true, false]) == foundation([true, false]))
        let dates = [try date("2026-09-14"), try date("0001-01-01")]
        #expect(try written(dates) == foundation(dates))
        let instants = [try instant("2026-03-02T09:15:00Z"), try instant("2026-03-02T09:15:00.123Z"),
                        Date(timeIntervalSince1970: 0)]
        #expect(try written(instants) == foundation(instants))
    }

    /// The writer starts with room for a few bytes and grows as it writes: what it wrote before
    /// each growth is kept, in order, whatever the sizes of the pieces that outgrow it.
    @Test func anOutputThatOutgrowsItsRoomKeepsEveryByte() throws {
        let texts = (0..<40).map { index in
            String(repeating: "é\"\\\u{1}x", count: index) + String(index)
        }
        let records = texts.map { [$0, String(repeating: "9", count: 3 * $0.count)] }
        let bytes = try records.jsonBytes(capacity: 1)
        #expect(String(decoding: bytes, as: UTF8.self) == (try foundation(records)))
        var output = JSONOutput(capacity: 2)
        for text in texts { output.string(text) }
        #expect(String(decoding: output.bytes, as: UTF8.self)
            == (try texts.map { try foundation($0) }.joined()))
    }

    @Test func aNumberJSONCannotCarryIsAnErrorAsInJSONEncoder() throws {
        for value in [Double.nan, .infinity, -.infinity] {
            #expect(throws: JSONOutputError.self) { try [value].jsonBytes() }
            #expect(throws: EncodingError.self) { try PMOJSON.encode([value]) }
        }
    }
}
