import Synchronization

/// The delivery failures of records a non-transactional producer queued without a ticket
/// (``KafkaProducer/produceWithoutTicket(_:)``), kept until the next ``KafkaProducer/flush(timeout:)``
/// reports them. Written by librdkafka's delivery callback on the polling thread, read by `flush`.
final class DeliveryFailures: Sendable {
    private struct Failures {
        var first: KafkaError?
        var count = 0
    }

    private let failures = Mutex(Failures())

    /// Remembers one failed delivery (the first one is reported, the others counted).
    func record(_ error: KafkaError) {
        failures.withLock { failures in
            if failures.first == nil { failures.first = error }
            failures.count += 1
        }
    }

    /// The failures since the last call, as one error (the first failure, with the number of
    /// others in its message), and forgets them; `nil` when none failed.
    func take() -> KafkaError? {
        let taken = failures.withLock { failures in
            defer { failures = Failures() }
            return failures
        }
        guard var error = taken.first else { return nil }
        if taken.count > 1 { error.message += " (and \(taken.count - 1) more record(s) queued without a ticket failed)" }
        return error
    }
}
