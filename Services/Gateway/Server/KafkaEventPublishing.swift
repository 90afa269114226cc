import Foundation
import Gateway
import Kafka
import Logging
import PMOModel
import ServiceRuntime
import Synchronization

/// Publishes the gateway's events with the producer the services use (idempotent, `acks=all`),
/// each acknowledged within the delivery timeout, and watches the broker: every check interval
/// it reads the cluster's metadata, and while that fails, or a topic the gateway writes is
/// missing, ``unavailableReason`` says why (503 and not ready) instead of letting requests hang.
public final class KafkaEventPublishing: EventPublishing {
    private let producer: KafkaProducer
    private let admin: KafkaAdmin
    private let logger: Logger
    private let tracing: EventTracing
    private let reason = Mutex<String?>("the broker has not been reached yet")
    /// The topics the gateway publishes to.
    public let topics: Set<String>

    /// A producer and an admin client on `configuration`; events not acknowledged within
    /// `deliveryTimeout` fail. With `tracing` on, each event carries the trace context of the
    /// request that submitted it.
    public init(configuration: KafkaConfiguration, deliveryTimeout: Duration, tracing: EventTracing = .off,
                logger: Logger) throws(KafkaError) {
        let milliseconds = String(deliveryTimeout.components.seconds * 1000 + deliveryTimeout.components.attoseconds / 1_000_000_000_000_000)
        producer = try KafkaProducer(configuration: configuration.merging(["message.timeout.ms": milliseconds]), logger: logger)
        admin = try KafkaAdmin(configuration: configuration, logger: logger)
        self.logger = logger
        self.tracing = tracing
        topics = Set(TopicCatalog.all.filter { $0.writer == .upstream }.map(\.name))
    }

    public var unavailableReason: String? { reason.withLock { $0 } }

    public func publish(_ records: [(record: EventRecord, topic: String)]) async -> [Result<PublicationReceipt, PublishingFailure>] {
        // Queued one after the other, so that records of one key keep their order in the
        // partition (the idempotent producer keeps it through retries), then awaited together.
        var tickets: [Result<DeliveryTicket, PublishingFailure>] = []
        for (record, topic) in records {
            do {
                var produced = ProducerRecord(record, topic: topic)
                produced.headers = tracing.carryingCurrentContext(produced.headers)
                tickets.append(.success(try await producer.produce(produced)))
            } catch {
                tickets.append(.failure(Self.failure(error)))
            }
        }
        var outcomes: [Result<PublicationReceipt, PublishingFailure>] = []
        for ticket in tickets {
            switch ticket {
            case .failure(let failure):
                outcomes.append(.failure(failure))
            case .success(let ticket):
                do {
                    let report = try await ticket.report
                    outcomes.append(.success(PublicationReceipt(topic: report.topic, partition: report.partition, offset: report.offset)))
                } catch {
                    outcomes.append(.failure(Self.failure(error)))
                }
            }
        }
        return outcomes
    }

    private static func failure(_ error: any Error) -> PublishingFailure {
        if let error = error as? KafkaError {
            return PublishingFailure("the broker did not acknowledge the event: \(error.message)")
        }
        return PublishingFailure("the event was not published: \(error)")
    }

    /// Checks the broker every `interval` until the task is cancelled.
    public func watch(every interval: Duration, timeout: Duration) async {
        while !Task.isCancelled {
            let found: String?
            do {
                let existing = Set(try await admin.listTopics(timeout: timeout).map(\.name))
                let missing = topics.subtracting(existing).sorted()
                found = missing.isEmpty ? nil : "topics missing on the cluster: \(missing.joined(separator: ", ")) (pmoctl topics create)"
            } catch {
                found = "the broker is unreachable: \(error.message)"
            }
            let previous = reason.withLock { current in
                defer { current = found }
                return current
            }
            if previous != found {
                if let found {
                    logger.warning("publishing is unavailable", metadata: ["reason": "\(found)"])
                } else {
                    logger.info("the broker is reachable and every topic exists; publishing")
                }
            }
            try? await Task.sleep(for: interval)
        }
    }

    /// Flushes what is queued and closes the clients.
    public func close(timeout: Duration) async {
        await producer.close(timeout: timeout)
    }
}
