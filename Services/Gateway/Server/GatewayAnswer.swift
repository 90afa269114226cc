import Gateway
import PMOModel

/// What the gateway answers a request of events: 202 with a receipt per event, or a refusal.
public enum GatewayAnswer: Equatable, Sendable {
    /// Every event acknowledged (or acknowledged before, for a retry). `batch` shapes the body.
    case accepted([Published], batch: Bool)
    /// Refused; nothing of the request was published by it.
    case refused(SubmissionProblem)

    /// One acknowledged event.
    public struct Published: Equatable, Sendable {
        public var event: AcceptedEvent
        public var receipt: PublicationReceipt
        /// Whether the receipt is the first answer to an earlier request with the same identity.
        public var replayed: Bool

        public init(event: AcceptedEvent, receipt: PublicationReceipt, replayed: Bool) {
            self.event = event
            self.receipt = receipt
            self.replayed = replayed
        }
    }

    /// The HTTP status.
    public var status: Int {
        switch self {
        case .accepted: 202
        case .refused(let problem): problem.kind.status
        }
    }

    /// The JSON body: `{"id", "source", "type", "subject", "topic", "partition", "offset", "replayed"}`
    /// for one event, `{"events": [… with "index"]}` for a batch, the problem otherwise.
    public func jsonBody() -> [UInt8] {
        switch self {
        case .refused(let problem):
            return problem.jsonBody()
        case .accepted(let events, let batch):
            var output = JSONOutput(capacity: 256 * events.count)
            if batch { output.raw("{\"events\":[") }
            for (position, published) in events.enumerated() {
                if position > 0 { output.raw(",") }
                output.raw("{")
                if batch { output.raw("\"index\":\(published.event.index),") }
                output.raw("\"id\":")
                output.string(published.event.identity.id)
                output.raw(",\"source\":")
                output.string(published.event.identity.source)
                output.raw(",\"type\":")
                output.string(published.event.eventType)
                output.raw(",\"subject\":")
                output.string(published.event.record.key)
                output.raw(",\"topic\":")
                output.string(published.receipt.topic)
                output.raw(",\"partition\":\(published.receipt.partition),\"offset\":\(published.receipt.offset),\"replayed\":\(published.replayed)}")
            }
            if batch { output.raw("]}") }
            return output.bytes
        }
    }
}
