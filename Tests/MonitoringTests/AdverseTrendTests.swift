import Foundation
import Testing
import PMOModel
@testable import Monitoring

@Suite("Adverse trends: an index strictly falling over the policy's number of reports")
struct AdverseTrendTests {
    @Test func threeFallingSPIsOverThreeReports() {
        let history = [indices(0.99, 1), indices(0.97, 1), indices(0.96, 1)]
        #expect(AdverseTrend.detect(in: history, reports: 3) == [AdverseTrend(index: .schedulePerformanceIndex,
                                                                               values: [0.99, 0.97, 0.96])])
    }

    @Test func notOverOneReportFewer() {
        // Two reports with N = 3 make no trend yet; with N = 2 they do.
        let history = [indices(0.99, 1), indices(0.97, 1)]
        #expect(AdverseTrend.detect(in: history, reports: 3).isEmpty)
        #expect(AdverseTrend.detect(in: history, reports: 2) == [AdverseTrend(index: .schedulePerformanceIndex,
                                                                               values: [0.99, 0.97])])
        // Four reports, the first three falling, the last flat: the last three are not falling.
        let flatAtTheEnd = [indices(1.0, 1), indices(0.99, 1), indices(0.97, 1), indices(0.97, 1)]
        #expect(AdverseTrend.detect(in: flatAtTheEnd, reports: 3).isEmpty)
    }

    @Test func onlyTheLastReportsCount() {
        let history = [indices(0.9, 1), indices(1.02, 1), indices(0.99, 1), indices(0.97, 1), indices(0.96, 1)]
        #expect(AdverseTrend.detect(in: history, reports: 3).map(\.values) == [[0.99, 0.97, 0.96]])
        #expect(AdverseTrend.detect(in: history, reports: 4).map(\.values) == [[1.02, 0.99, 0.97, 0.96]])
        #expect(AdverseTrend.detect(in: history, reports: 5).isEmpty)       // 0.9 → 1.02 is a rise
    }

    @Test func anEqualValueOrARiseBreaksTheRun() {
        #expect(AdverseTrend.detect(in: [indices(0.99, 1), indices(0.97, 1), indices(0.97, 1)], reports: 3).isEmpty)
        #expect(AdverseTrend.detect(in: [indices(0.99, 1), indices(0.99, 1), indices(0.97, 1)], reports: 3).isEmpty)
        #expect(AdverseTrend.detect(in: [indices(0.99, 1), indices(1.0, 1), indices(0.97, 1)], reports: 3).isEmpty)
    }

    @Test func aFallOfAnySizeCounts() {
        let history = [indices(0.95, 1), indices(0.94999, 1), indices(0.94998, 1)]
        #expect(AdverseTrend.detect(in: history, reports: 3).map(\.index) == [.schedulePerformanceIndex])
    }

    @Test func anUndefinedIndexInTheWindowBreaksTheRun() {
        let gap = [indices(1, 0.95), indices(1, nil), indices(1, 0.93), indices(1, 0.92)]
        #expect(AdverseTrend.detect(in: gap, reports: 3).isEmpty)
        // Before the window it does not matter.
        let earlier = [indices(1, nil), indices(1, 0.95), indices(1, 0.93), indices(1, 0.92)]
        #expect(AdverseTrend.detect(in: earlier, reports: 3) == [AdverseTrend(index: .costPerformanceIndex,
                                                                               values: [0.95, 0.93, 0.92])])
    }

    @Test func bothIndicesSPIFirst() {
        let history = [indices(0.99, 0.98), indices(0.97, 0.95), indices(0.96, 0.91)]
        #expect(AdverseTrend.detect(in: history, reports: 3) == [
            AdverseTrend(index: .schedulePerformanceIndex, values: [0.99, 0.97, 0.96]),
            AdverseTrend(index: .costPerformanceIndex, values: [0.98, 0.95, 0.91]),
        ])
    }

    @Test func fewerThanTwoReportsMakeNoTrend() {
        #expect(AdverseTrend.detect(in: [indices(0.9, 0.9)], reports: 1).isEmpty)
        #expect(AdverseTrend.detect(in: [indices(0.9, 0.9)], reports: 0).isEmpty)
        #expect(AdverseTrend.detect(in: [], reports: 3).isEmpty)
    }

    @Test func theNumberOfReportsComesFromThePolicy() {
        let history = [indices(0.99, 1), indices(0.97, 1), indices(0.96, 1), indices(0.95, 1)]
        var policy = plainPolicy()
        #expect(AdverseTrend.detect(in: Array(history.prefix(2)), policy: policy).isEmpty)           // 3 by default
        #expect(AdverseTrend.detect(in: Array(history.prefix(3)), policy: policy).count == 1)
        policy.trendReports = 4
        #expect(AdverseTrend.detect(in: Array(history.prefix(3)), policy: policy).isEmpty)
        #expect(AdverseTrend.detect(in: history, policy: policy).map(\.values) == [[0.99, 0.97, 0.96, 0.95]])
    }

    @Test("a report history gives the latest measured indices up to a date, all or the last few, in period order")
    func historyWindow() throws {
        var history = ReportHistory()
        let dates = try ["2026-01-05", "2026-01-12", "2026-01-19", "2026-01-26", "2026-02-02"].map { try #require(CalendarDate($0)) }
        history.record(asOf: dates[0], indices: indices(0.99, 1))
        history.record(asOf: dates[1], indices: nil)
        history.record(asOf: dates[2], indices: indices(0.97, 1))
        history.record(asOf: dates[3], indices: indices(0.96, 1))
        history.record(asOf: dates[4], indices: indices(0.95, 1))
        #expect(history.indices(through: dates[3]).map(\.schedule) == [0.99, 0.97, 0.96])
        #expect(history.indices(through: dates[3], last: 2).map(\.schedule) == [0.97, 0.96])
        #expect(history.indices(through: dates[3], last: 3).map(\.schedule) == [0.99, 0.97, 0.96], "an unmeasured report is skipped, not counted")
        #expect(history.indices(through: dates[4], last: 10).count == 4)
        #expect(history.indices(through: dates[0], last: 0).isEmpty)
    }
}
