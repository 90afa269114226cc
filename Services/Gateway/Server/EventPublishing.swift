import Gateway
import PMOModel

/// Where the gateway publishes accepted events: Kafka in the service (``KafkaEventPublishing``),
/// a stand-in in the tests of the HTTP rules.
public protocol EventPublishing: Sendable {
    /// Why publishing cannot work now (the broker unreachable, a topic missing); `nil` when it can.
    /// The gateway answers 503 at once while this is set, and `/readyz` fails.
    var unavailableReason: String? { get }
    /// Publishes `record` to `topic` and returns once the broker acknowledged it.
    /// - Throws: ``PublishingFailure`` when it was not acknowledged.
    func publish(_ record: EventRecord, to topic: String) async throws(PublishingFailure) -> PublicationReceipt
}

/// Why an event was not acknowledged.
public struct PublishingFailure: Error, Equatable, CustomStringConvertible {
    /// What the client is told.
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}
