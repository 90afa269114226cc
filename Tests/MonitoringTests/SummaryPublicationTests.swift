import Foundation
import Testing
import PMOModel
@testable import Monitoring

/// The summary stage's decision: loaded, leader, policy known, changed, interval elapsed.
@Suite("When the summary stage publishes")
struct SummaryPublicationTests {
    func summary(alerts: Int, at seconds: TimeInterval = 0) -> PortfolioSummaryPublished {
        PortfolioSummaryPublished(portfolioId: "enterprise", asOf: day("2026-09-14"), publishedAt: t0.addingTimeInterval(seconds),
                                  totalBudgetAtCompletion: eur(0), totalEstimateAtCompletion: eur(0),
                                  kpis: PortfolioKPIs(openAlerts: alerts, openEscalations: 0))
    }

    func at(_ seconds: TimeInterval) -> Date { t0.addingTimeInterval(seconds) }

    /// Decides as the leader with the register loaded, `current` being the summary now.
    func decide(_ publication: inout SummaryPublication, _ current: PortfolioSummaryPublished?, at seconds: TimeInterval,
                leader: Bool = true, loaded: Bool = true) -> SummaryPublication.Decision {
        publication.decide(registerLoaded: loaded, isLeader: leader, now: at(seconds)) { current }
    }

    @Test func nothingIsPublishedBeforeTheRegisterIsReadToItsEnd() {
        var publication = SummaryPublication()
        var computed = false
        let decision = publication.decide(registerLoaded: false, isLeader: true, now: at(0)) {
            computed = true
            return summary(alerts: 1)
        }
        #expect(decision == .wait(.registerLoading))
        #expect(!computed)
    }

    @Test func onlyTheLeaderPublishesAndOnlyWithAPolicy() {
        var publication = SummaryPublication()
        #expect(decide(&publication, summary(alerts: 1), at: 0, leader: false) == .wait(.notLeader))
        #expect(decide(&publication, summary(alerts: 1), at: 0, leader: false, loaded: false) == .wait(.notLeader))
        #expect(decide(&publication, nil, at: 0) == .wait(.noPolicy))
        #expect(decide(&publication, summary(alerts: 1), at: 0) == .publish(summary(alerts: 1)))
    }

    @Test func anUnchangedSummaryIsNotPublishedAgain() {
        var publication = SummaryPublication(interval: .seconds(5))
        let first = summary(alerts: 1, at: 0)
        #expect(decide(&publication, first, at: 0) == .publish(first))
        publication.published(first, at: at(0))
        // Later, the same figures with a new publication time: nothing to publish.
        #expect(decide(&publication, summary(alerts: 1, at: 60), at: 60) == .wait(.unchanged))
    }

    @Test func aChangeWithinTheIntervalWaitsForItsEndAndThenTheLatestIsPublished() {
        var publication = SummaryPublication(interval: .seconds(5))
        publication.published(summary(alerts: 1, at: 0), at: at(0))
        #expect(decide(&publication, summary(alerts: 2, at: 1), at: 1) == .wait(.interval(until: at(5))))
        #expect(decide(&publication, summary(alerts: 3, at: 4.999), at: 4.999) == .wait(.interval(until: at(5))))
        #expect(decide(&publication, summary(alerts: 3, at: 5), at: 5) == .publish(summary(alerts: 3, at: 5)))
        publication.published(summary(alerts: 3, at: 5), at: at(5))
        #expect(publication.lastPublished == summary(alerts: 3, at: 5) && publication.lastPublishedAt == at(5))
        #expect(decide(&publication, summary(alerts: 3, at: 20), at: 20) == .wait(.unchanged))
    }

    @Test func aSendThatFailedIsTriedAgain() {
        var publication = SummaryPublication(interval: .seconds(5))
        #expect(decide(&publication, summary(alerts: 1), at: 0) == .publish(summary(alerts: 1)))
        // Not reported as published: the next decision publishes it again.
        #expect(decide(&publication, summary(alerts: 1, at: 0.25), at: 0.25) == .publish(summary(alerts: 1, at: 0.25)))
    }

    @Test func regainingTheLeadershipPublishesTheCurrentSummaryOnce() {
        var publication = SummaryPublication(interval: .seconds(5))
        publication.published(summary(alerts: 1, at: 0), at: at(0))
        #expect(decide(&publication, summary(alerts: 1, at: 30), at: 30) == .wait(.unchanged))
        // Another instance led in between and may have published other figures.
        #expect(decide(&publication, summary(alerts: 1, at: 40), at: 40, leader: false) == .wait(.notLeader))
        #expect(publication.lastPublished == nil)
        #expect(decide(&publication, summary(alerts: 1, at: 50), at: 50) == .publish(summary(alerts: 1, at: 50)))
    }
}
