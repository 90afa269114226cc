import Crypto
import Foundation
import PMOModel

/// What one upstream system may publish through the gateway with its token: the `ce_source` it
/// publishes as, the event types it may send, and its rate. The token itself is never kept, only
/// its SHA-256 (``tokenSHA256``), so the grants file is no secret worth stealing.
public struct UpstreamGrant: Hashable, Sendable, Codable {
    /// A name for logs and metrics (`erp`, `timesheets`); never the token.
    public var name: String
    /// The token's SHA-256, 64 lowercase hexadecimal digits (`printf %s "$TOKEN" | sha256sum`).
    public var tokenSHA256: String
    /// The `ce_source` every event published with this token carries.
    public var source: String
    /// The event types this token may publish; each must be one the catalog lets upstream write.
    public var eventTypes: [String]
    /// Events per second this token may publish on average; `nil` for the gateway's default.
    public var eventsPerSecond: Double?
    /// Events this token may publish at once above its average; `nil` for the gateway's default.
    public var burst: Int?

    /// A grant; ``UpstreamGrants`` checks it.
    public init(name: String, tokenSHA256: String, source: String, eventTypes: [String],
                eventsPerSecond: Double? = nil, burst: Int? = nil) {
        self.name = name
        self.tokenSHA256 = tokenSHA256
        self.source = source
        self.eventTypes = eventTypes
        self.eventsPerSecond = eventsPerSecond
        self.burst = burst
    }

    /// Whether the token may publish `eventType`.
    public func allows(_ eventType: String) -> Bool { eventTypes.contains(eventType) }

    /// The SHA-256 of `token` in lowercase hexadecimal, as the grants file stores it.
    public static func hash(of token: String) -> String {
        Hexadecimal.lowercase(SHA256.hash(data: Data(token.utf8)))
    }
}
