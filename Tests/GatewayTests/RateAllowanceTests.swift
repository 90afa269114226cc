import Gateway
import Testing

/// A token's bucket: bursts, refill, and the wait it names.
@Suite struct RateAllowanceTests {
    @Test func aBurstIsGrantedThenRefusedWithTheWaitUntilItFits() {
        var allowance = RateAllowance(eventsPerSecond: 10, burst: 20)
        #expect(allowance.take(20, now: 0) == .granted)
        #expect(allowance.take(5, now: 0) == .refused(retryAfter: 0.5))
        #expect(allowance.take(5, now: 0.5) == .granted)
        #expect(allowance.take(1, now: 0.5) == .refused(retryAfter: 0.1))
    }

    @Test func theBucketRefillsOnlyToTheBurst() {
        var allowance = RateAllowance(eventsPerSecond: 10, burst: 20)
        #expect(allowance.take(1, now: 0) == .granted)
        #expect(allowance.take(20, now: 1000) == .granted)
        #expect(allowance.take(1, now: 1000) == .refused(retryAfter: 0.1))
    }

    @Test func aRequestLargerThanTheBurstCanNeverPass() {
        var allowance = RateAllowance(eventsPerSecond: 10, burst: 20)
        #expect(allowance.take(21, now: 0) == .exceedsBurst)
        #expect(allowance.take(20, now: 0) == .granted, "the refused request took nothing")
    }

    @Test func timeGoingBackwardsGivesNothing() {
        var allowance = RateAllowance(eventsPerSecond: 10, burst: 1)
        #expect(allowance.take(1, now: 5) == .granted)
        #expect(allowance.take(1, now: 4) == .refused(retryAfter: 0.1))
    }
}
