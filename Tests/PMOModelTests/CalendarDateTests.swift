import Foundation
import Testing
@testable import PMOModel

@Suite struct CalendarDateTests {
    @Test(arguments: ["2026-02-28", "2024-02-29", "2000-02-29", "0001-01-01", "9999-12-31"])
    func parsesAndPrintsValidDates(_ text: String) throws {
        #expect(try date(text).description == text)
    }

    @Test(arguments: ["2026-02-29", "1900-02-29", "2026-13-01", "2026-04-31", "2026-1-01", "26-01-01",
                      "2026-01-01T00:00:00Z", "2026/01/01", "", "2026-00-10", "２026-01-01"])
    func rejectsInvalidDates(_ text: String) {
        #expect(CalendarDate(text) == nil)
    }

    @Test func ordersChronologically() throws {
        #expect(try date("2026-01-31") < date("2026-02-01"))
        #expect(try date("2025-12-31") < date("2026-01-01"))
        #expect(try !(date("2026-03-01") < date("2026-03-01")))
    }

    @Test func countsAndAddsDaysAcrossLeapYears() throws {
        #expect(try date("2024-02-28").days(until: date("2024-03-01")) == 2)
        #expect(try date("2026-04-01").days(until: date("2027-03-31")) == 364)
        #expect(try date("1970-01-01").dayNumber == 0)
        #expect(try date("2026-03-31").adding(days: -31) == date("2026-02-28"))
        let start = try date("2023-12-25")
        for offset in [-800, -1, 0, 1, 59, 366, 1000] {
            let later = try #require(start.adding(days: offset))
            #expect(start.days(until: later) == offset)
        }
    }

    @Test func codesAsAString() throws {
        let data = try PMOJSON.encode(["due": try date("2026-09-26")])
        #expect(String(decoding: data, as: UTF8.self) == #"{"due":"2026-09-26"}"#)
        #expect(try PMOJSON.decode([String: CalendarDate].self, from: data)["due"] == date("2026-09-26"))
        #expect(throws: DecodingError.self) {
            try PMOJSON.decode([String: CalendarDate].self, from: Data(#"{"due":"2026-09-31"}"#.utf8))
        }
    }
}
