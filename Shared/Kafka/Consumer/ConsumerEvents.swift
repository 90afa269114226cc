/// The consumer's events as an async sequence: `for try await event in consumer.events { … }`.
///
/// It polls in batches and hands them out one by one; the rebalance semantics of `ConsumerEvent`
/// hold, since the next batch is only polled when the loop body asks for the next event.
public struct ConsumerEvents: AsyncSequence, Sendable {
    public typealias Element = ConsumerEvent

    let consumer: KafkaConsumer
    let batchSize: Int
    let pollTimeout: Duration

    public func makeAsyncIterator() -> Iterator {
        Iterator(consumer: consumer, batchSize: batchSize, pollTimeout: pollTimeout)
    }

    /// Iterates the events; ends when the consumer is closed or the task is cancelled.
    public struct Iterator: AsyncIteratorProtocol {
        let consumer: KafkaConsumer
        let batchSize: Int
        let pollTimeout: Duration
        var buffer: [ConsumerEvent] = []
        var position = 0

        public mutating func next() async throws -> ConsumerEvent? {
            while position >= buffer.count {
                if Task.isCancelled || consumer.closed.load(ordering: .relaxed) { return nil }
                buffer = try await consumer.pollBatch(maxEvents: batchSize, timeout: pollTimeout)
                position = 0
            }
            defer { position += 1 }
            return buffer[position]
        }
    }
}

extension KafkaConsumer {
    /// The consumer's events, polled `batchSize` at a time.
    public func events(batchSize: Int = 100, pollTimeout: Duration = .milliseconds(200)) -> ConsumerEvents {
        ConsumerEvents(consumer: self, batchSize: batchSize, pollTimeout: pollTimeout)
    }
}
