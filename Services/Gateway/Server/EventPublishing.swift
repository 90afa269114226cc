import Gateway
import PMOModel

/// Where the gateway publishes accepted events: Kafka in the service (``KafkaEventPublishing``),
/// a stand-in in the tests of the HTTP rules.
public protocol EventPublishing: Sendable {
    /// Why publishing cannot work now (the broker unreachable, a topic missing); `nil` when it can.
    /// The gateway answers 503 at once while this is set, and `/readyz` fails.
    var unavailableReason: String? { get }
    /// Publishes `records` in their order (records of one key reach their partition in that
    /// order) and returns, once the broker answered for every one, each one's receipt or failure.
    func publish(_ records: [(record: EventRecord, topic: String)]) async -> [Result<PublicationReceipt, PublishingFailure>]
}

/// Why an event was not acknowledged.
public struct PublishingFailure: Error, Equatable, CustomStringConvertible {
    /// What the client is told.
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}
