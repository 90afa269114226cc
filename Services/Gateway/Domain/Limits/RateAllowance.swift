/// One token's rate limit: a token bucket of `burst` events that refills at `eventsPerSecond`.
/// A request of n events takes n at once or nothing; a refusal says how long until it would fit.
/// A plain value, driven by the time given to it, so it is tested without a clock.
public struct RateAllowance: Equatable, Sendable {
    /// The decision on one request.
    public enum Decision: Equatable, Sendable {
        /// Taken: publish.
        case granted
        /// Not now: `retryAfter` seconds until the bucket holds enough.
        case refused(retryAfter: Double)
        /// More events than the burst: never, whatever the wait.
        case exceedsBurst
    }

    /// Average events per second.
    public let eventsPerSecond: Double
    /// The bucket's size.
    public let burst: Int
    private var available: Double
    private var updatedAt: Double?

    /// A full bucket.
    public init(eventsPerSecond: Double, burst: Int) {
        self.eventsPerSecond = eventsPerSecond
        self.burst = burst
        available = Double(burst)
    }

    /// Takes `count` events at time `now` (seconds, any monotonic origin).
    public mutating func take(_ count: Int, now: Double) -> Decision {
        guard count <= burst else { return .exceedsBurst }
        if let updatedAt, now > updatedAt {
            available = min(Double(burst), available + (now - updatedAt) * eventsPerSecond)
        }
        updatedAt = max(updatedAt ?? now, now)
        let wanted = Double(count)
        guard available >= wanted else { return .refused(retryAfter: (wanted - available) / eventsPerSecond) }
        available -= wanted
        return .granted
    }
}
