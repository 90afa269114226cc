import Gateway
import PMOModel
import Testing

/// The ledger's transitions, one identity at a time.
@Suite struct PublicationLedgerTests {
    let identity = EventIdentity(source: "/upstream/timesheets", id: "r-1")
    let receipt = PublicationReceipt(topic: "pmo.status.reports", partition: 2, offset: 41)

    @Test func aNewEventIsPublishedThenReplayedWithItsFirstReceipt() {
        var ledger = PublicationLedger(window: 60, capacity: 10)
        #expect(ledger.claim(identity, fingerprint: "f", now: 0) == .publish)
        #expect(ledger.entry(identity) == .publishing(fingerprint: "f"))
        ledger.settle(identity, receipt: receipt, now: 1)
        #expect(ledger.claim(identity, fingerprint: "f", now: 2) == .replay(receipt))
    }

    @Test func aRetryWhilePublishingWaitsAndADifferentEventConflicts() {
        var ledger = PublicationLedger(window: 60, capacity: 10)
        _ = ledger.claim(identity, fingerprint: "f", now: 0)
        #expect(ledger.claim(identity, fingerprint: "f", now: 0) == .wait)
        #expect(ledger.claim(identity, fingerprint: "g", now: 0) == .conflict)
        ledger.settle(identity, receipt: receipt, now: 1)
        #expect(ledger.claim(identity, fingerprint: "g", now: 2) == .conflict)
    }

    @Test func aFailedPublicationIsForgottenSoTheRetryPublishes() {
        var ledger = PublicationLedger(window: 60, capacity: 10)
        _ = ledger.claim(identity, fingerprint: "f", now: 0)
        ledger.settle(identity, receipt: nil, now: 1)
        #expect(ledger.entry(identity) == nil)
        #expect(ledger.claim(identity, fingerprint: "f", now: 2) == .publish)
    }

    @Test func aReleasedClaimIsForgotten() {
        var ledger = PublicationLedger(window: 60, capacity: 10)
        _ = ledger.claim(identity, fingerprint: "f", now: 0)
        ledger.release(identity)
        #expect(ledger.claim(identity, fingerprint: "g", now: 0) == .publish)
    }

    @Test func publishedEventsAreForgottenAfterTheWindow() {
        var ledger = PublicationLedger(window: 60, capacity: 10)
        _ = ledger.claim(identity, fingerprint: "f", now: 0)
        ledger.settle(identity, receipt: receipt, now: 0)
        #expect(ledger.claim(identity, fingerprint: "f", now: 59) == .replay(receipt))
        #expect(ledger.claim(identity, fingerprint: "f", now: 61) == .publish)
    }

    @Test func theOldestPublishedEventsGoBeyondTheCapacity() {
        var ledger = PublicationLedger(window: 3600, capacity: 3)
        let identities = (0..<5).map { EventIdentity(source: "/s", id: "e\($0)") }
        for (time, identity) in identities.enumerated() {
            _ = ledger.claim(identity, fingerprint: "f", now: Double(time))
            ledger.settle(identity, receipt: receipt, now: Double(time))
        }
        #expect(ledger.rememberedCount == 3)
        #expect(ledger.entry(identities[0]) == nil && ledger.entry(identities[1]) == nil)
        #expect(ledger.claim(identities[4], fingerprint: "f", now: 6) == .replay(receipt))
    }

    @Test func aClaimInFlightIsNeverForgottenByTheWindow() {
        var ledger = PublicationLedger(window: 1, capacity: 1)
        _ = ledger.claim(identity, fingerprint: "f", now: 0)
        let other = EventIdentity(source: "/s", id: "other")
        _ = ledger.claim(other, fingerprint: "f", now: 100)
        ledger.settle(other, receipt: receipt, now: 100)
        #expect(ledger.entry(identity) == .publishing(fingerprint: "f"))
    }
}
