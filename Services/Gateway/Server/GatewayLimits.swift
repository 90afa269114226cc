/// The gateway's limits, from its flags.
public struct GatewayLimits: Sendable {
    /// The largest request body, in bytes (413 beyond).
    public var maxBodyBytes: Int
    /// The most events in one batch (413 beyond).
    public var maxBatchEvents: Int
    /// A token's average events per second unless its grant sets one.
    public var eventsPerSecond: Double
    /// A token's burst unless its grant sets one.
    public var burst: Int
    /// How long a published event is remembered for retries, in seconds.
    public var idempotencyWindowSeconds: Double
    /// How many published events are remembered for retries at most.
    public var idempotencyCapacity: Int
    /// `Retry-After` when the broker is unavailable, in seconds.
    public var unavailableRetryAfterSeconds: Int

    public init(maxBodyBytes: Int = 1 << 20, maxBatchEvents: Int = 1000, eventsPerSecond: Double = 500, burst: Int = 1000,
                idempotencyWindowSeconds: Double = 86_400, idempotencyCapacity: Int = 200_000,
                unavailableRetryAfterSeconds: Int = 4) {
        self.maxBodyBytes = maxBodyBytes
        self.maxBatchEvents = maxBatchEvents
        self.eventsPerSecond = eventsPerSecond
        self.burst = burst
        self.idempotencyWindowSeconds = idempotencyWindowSeconds
        self.idempotencyCapacity = idempotencyCapacity
        self.unavailableRetryAfterSeconds = unavailableRetryAfterSeconds
    }
}
