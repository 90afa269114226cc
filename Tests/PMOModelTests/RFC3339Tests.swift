import Foundation
import Testing
@testable import PMOModel

@Suite struct RFC3339Tests {
    @Test func parsesUTCOffsetsAndFractions() throws {
        let utc = try instant("2026-03-02T09:15:00Z")
        #expect(utc.timeIntervalSince1970 == 1_772_442_900)
        #expect(try instant("2026-03-02T10:15:00+01:00") == utc)
        #expect(try instant("2026-03-02T04:45:00-04:30") == utc)
        #expect(try instant("2026-03-02t09:15:00z") == utc)
        #expect(try instant("2026-03-02T09:15:00.250Z").timeIntervalSince1970 == 1_772_442_900.25)
    }

    @Test(arguments: ["2026-03-02 09:15:00Z", "2026-03-02T09:15:00", "2026-03-02T25:00:00Z", "2026-02-30T09:15:00Z",
                      "2026-03-02T09:15:00.Z", "2026-03-02T09:15:00+0100", "2026-03-02T09:15Z", "yesterday"])
    func rejectsMalformedTimestamps(_ text: String) {
        #expect(RFC3339.parse(text) == nil)
    }

    @Test func formatsInUTCWithMillisecondsOnlyWhenNeeded() throws {
        #expect(RFC3339.format(try instant("2026-03-02T10:15:00+01:00")) == "2026-03-02T09:15:00Z")
        #expect(RFC3339.format(try instant("2026-03-02T09:15:00.5Z")) == "2026-03-02T09:15:00.500Z")
        #expect(RFC3339.format(Date(timeIntervalSince1970: -1)) == "1969-12-31T23:59:59Z")
    }

    @Test func formatThenParseIsIdentityToTheMillisecond() throws {
        for seconds in stride(from: -86_400.0 * 400, through: 86_400.0 * 30_000, by: 86_400.0 * 97.3 + 0.123) {
            let date = Date(timeIntervalSince1970: (seconds * 1000).rounded() / 1000)
            let again = try #require(RFC3339.parse(RFC3339.format(date)))
            #expect(abs(again.timeIntervalSince1970 - date.timeIntervalSince1970) < 0.0005)
        }
    }

    @Test func formatAgreesWithFoundationsISO8601() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let seconds = Double(Int.random(in: -2_000_000_000...7_000_000_000, using: &generator))
            let date = Date(timeIntervalSince1970: seconds)
            #expect(RFC3339.format(date) == date.ISO8601Format(), "\(seconds)")
            let withMillis = Date(timeIntervalSince1970: seconds + 0.007)
            #expect(RFC3339.format(withMillis) == String(date.ISO8601Format().dropLast()) + ".007Z")
        }
    }
}
