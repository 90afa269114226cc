import Synchronization

/// The outcome of one produced record, available once the broker has acknowledged it (or the
/// delivery has failed). Await `report` for it, as often as needed: every wait gets the same
/// outcome. When nobody will, produce the record with `KafkaProducer.produceWithoutTicket`
/// instead, which allocates no ticket and still surfaces a failure (through the transaction, or
/// the next flush).
public final class DeliveryTicket: Sendable {
    private enum State {
        case pending(waiting: [CheckedContinuation<DeliveryReport, any Error>])
        case done(Result<DeliveryReport, KafkaError>)
    }

    private let state = Mutex<State>(.pending(waiting: []))

    init() {}

    /// Waits for the delivery report; throws the `KafkaError` when delivery failed.
    public var report: DeliveryReport {
        get async throws {
            try await withCheckedThrowingContinuation { continuation in
                let finished: Result<DeliveryReport, KafkaError>? = state.withLock { state in
                    switch state {
                    case .done(let result):
                        return result
                    case .pending(var waiting):
                        waiting.append(continuation)
                        state = .pending(waiting: waiting)
                        return nil
                    }
                }
                if let finished { continuation.resume(with: finished.mapError { $0 as any Error }) }
            }
        }
    }

    /// Called once, from librdkafka's delivery callback.
    func complete(_ result: Result<DeliveryReport, KafkaError>) {
        let waiting: [CheckedContinuation<DeliveryReport, any Error>] = state.withLock { state in
            defer { state = .done(result) }
            if case .pending(let waiting) = state { return waiting }
            return []
        }
        for continuation in waiting { continuation.resume(with: result.mapError { $0 as any Error }) }
    }
}
