import Synchronization

/// The outcome of one produced record, available once the broker has acknowledged it (or the
/// delivery has failed). Await `report` for it. When nobody will, produce the record with
/// `KafkaProducer.produceWithoutTicket` instead, which allocates no ticket and still surfaces a
/// failure (through the transaction, or the next flush).
public final class DeliveryTicket: Sendable {
    private enum State {
        case pending
        case waiting(CheckedContinuation<DeliveryReport, any Error>)
        case done(Result<DeliveryReport, KafkaError>)
    }

    private let state = Mutex<State>(.pending)

    init() {}

    /// Waits for the delivery report; throws the `KafkaError` when delivery failed.
    public var report: DeliveryReport {
        get async throws {
            try await withCheckedThrowingContinuation { continuation in
                let finished: Result<DeliveryReport, KafkaError>? = state.withLock { state in
                    switch state {
                    case .done(let result):
                        return result
                    case .pending:
                        state = .waiting(continuation)
                        return nil
                    case .waiting:
                        return .failure(.client("a delivery ticket can be awaited only once"))
                    }
                }
                if let finished { continuation.resume(with: finished) }
            }
        }
    }

    /// Called once, from librdkafka's delivery callback.
    func complete(_ result: Result<DeliveryReport, KafkaError>) {
        let waiter: CheckedContinuation<DeliveryReport, any Error>? = state.withLock { state in
            if case .waiting(let continuation) = state {
                state = .done(result)
                return continuation
            }
            state = .done(result)
            return nil
        }
        waiter?.resume(with: result.mapError { $0 as any Error })
    }
}
