import Foundation
import Kafka
import Testing
@testable import ServiceRuntime

/// How long the processing loop's poll may wait (issue 9): without a broker.
@Suite("Poll timeout")
struct PollTimeoutTests {
    @Test("a poll waits no longer than until the oldest open transaction is due, nor than the interval or 100 ms")
    func pollTimeout() {
        typealias Loop = ProcessingLoop<CatalogCoverageTests.ProposalReaderWithoutTypes>
        let now = ContinuousClock.now
        let interval = Duration.milliseconds(50)
        #expect(Loop.pollTimeout(openSince: [], interval: interval, now: now) == .milliseconds(50))
        #expect(Loop.pollTimeout(openSince: [], interval: .seconds(5), now: now) == .milliseconds(100))
        #expect(Loop.pollTimeout(openSince: [now - .milliseconds(10)], interval: interval, now: now) == .milliseconds(40))
        #expect(Loop.pollTimeout(openSince: [now - .milliseconds(10), now - .milliseconds(45), now], interval: interval,
                                 now: now) == .milliseconds(5))
        #expect(Loop.pollTimeout(openSince: [now - .milliseconds(80)], interval: interval, now: now) == .zero,
                "a transaction overdue already: the poll only takes what is there")
    }
}
