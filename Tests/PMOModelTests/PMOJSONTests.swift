import Foundation
import Testing
@testable import PMOModel

@Suite struct PMOJSONTests {
    @Test func writesSortedKeysInstantsAsRFC3339AndExactMoney() throws {
        struct Sample: Codable, Equatable {
            var zeta: Money
            var alpha: Date
            var path: String
        }
        let sample = Sample(zeta: Money(Decimal(string: "888611.11")!, "EUR"), alpha: try instant("2026-09-16T08:20:02Z"),
                            path: "a/b")
        let text = String(decoding: try PMOJSON.encode(sample), as: UTF8.self)
        #expect(text == #"{"alpha":"2026-09-16T08:20:02Z","path":"a/b","zeta":{"amount":888611.11,"currency":"EUR"}}"#)
        #expect(try PMOJSON.decode(Sample.self, from: Data(text.utf8)) == sample)
    }

    @Test func moneyAddsUpExactly() throws {
        let data = Data(#"[{"amount":0.1,"currency":"EUR"},{"amount":0.2,"currency":"EUR"}]"#.utf8)
        let amounts = try PMOJSON.decode([Money].self, from: data)
        #expect(amounts[0].amount + amounts[1].amount == Decimal(string: "0.3"))
    }

    @Test func rejectsNonRFC3339Instants() {
        #expect(throws: DecodingError.self) {
            try PMOJSON.decode([Date].self, from: Data(#"["2026-09-16 08:20"]"#.utf8))
        }
        #expect(throws: DecodingError.self) {
            try PMOJSON.decode([Date].self, from: Data("[1789000000]".utf8))
        }
    }

    @Test func encodingIsStable() throws {
        let event = try example(StatusReported.self)
        #expect(try event.jsonData() == PMOJSON.encode(try StatusReported.decodeJSON(event.jsonData())))
    }

    @Test func sharedCodersGiveTheSameBytesFromManyTasksAtOnce() async throws {
        // PMOJSON keeps one encoder and one decoder for every caller; the runtime's partitions and
        // tools use them from several threads at once.
        let event = try example(StatusReported.self)
        let expected = try event.jsonData()
        let results = await withTaskGroup(of: Bool.self, returning: [Bool].self) { group in
            for _ in 0..<8 {
                group.addTask {
                    (0..<200).allSatisfy { _ in
                        guard let data = try? event.jsonData(), let back = try? StatusReported.decodeJSON(data) else { return false }
                        return data == expected && back == event
                    }
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results == Array(repeating: true, count: 8))
        // The shared settings are still those of a new encoder: the same bytes either way.
        #expect(try PMOJSON.makeEncoder().encode(event) == expected)
    }
}
