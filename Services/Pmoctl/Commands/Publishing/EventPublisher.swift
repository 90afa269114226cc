import Foundation
import Kafka
import PMOModel
import ServiceRuntime

/// Publishes valid events to the topic the catalog assigns them, keyed by their record key, with
/// the CloudEvents headers.
struct EventPublisher {
    let session: ClusterSession
    let source: String
    let registry: EventRegistry = .standard

    /// Where one event went.
    struct Receipt {
        var eventType: String
        var key: String
        var id: String
        var report: DeliveryReport
    }

    /// Publishes `events` in order; every event's topic must exist.
    func publish(_ events: [any PMOEvent], now: Date = Date()) async throws -> [Receipt] {
        var topics: [String: String] = [:]
        for event in events {
            let eventType = type(of: event).eventType
            guard let spec = TopicCatalog.topic(carrying: eventType) else {
                throw PmoctlError("no catalog topic carries \(eventType); it cannot be published", exitCode: 2)
            }
            guard spec.writer == .upstream else {
                throw PmoctlError("""
                    \(eventType) goes to \(spec.name), which only the \(spec.writer.rawValue) service writes; \
                    pmoctl publishes inputs (proposals, reviews, plans, reports, requests, votes, policy, roster)
                    """, exitCode: 2)
            }
            let topic = spec.name
            if topics[eventType] == nil {
                _ = try await session.requireTopic(topic)
                topics[eventType] = topic
            }
        }
        let timeoutMs = String(Int(session.options.timeoutDuration.components.seconds * 1000 + 500))
        let producer: KafkaProducer
        do {
            producer = try KafkaProducer(configuration: session.configuration.merging(["message.timeout.ms": timeoutMs]),
                                         logger: session.logger)
        } catch {
            throw PmoctlError.kafka(error, servers: session.servers, while: "creating a producer")
        }
        var receipts: [Receipt] = []
        for event in events {
            let eventType = type(of: event).eventType
            let topic = topics[eventType] ?? ""
            let id = UUID().uuidString.lowercased()
            let record: EventRecord
            do throws(ContractError) {
                record = try registry.encode(event, id: id, source: source, time: now)
            } catch {
                await producer.close(timeout: .seconds(1))
                throw PmoctlError("cannot encode the \(eventType) event: \(error)", exitCode: 2)
            }
            do {
                let report = try await producer.send(ProducerRecord(record, topic: topic))
                receipts.append(Receipt(eventType: eventType, key: record.key, id: id, report: report))
            } catch let error as KafkaError {
                await producer.close(timeout: .seconds(1))
                throw PmoctlError.kafka(error, servers: session.servers, while: "publishing to \(topic)")
            }
        }
        await producer.close(timeout: session.options.timeoutDuration)
        return receipts
    }

    /// `/pmoctl/<user>`, from `USER` or `LOGNAME`.
    static var defaultSource: String {
        let environment = ProcessInfo.processInfo.environment
        let user = (environment["USER"] ?? environment["LOGNAME"] ?? "unknown")
            .filter { $0.isLetter || $0.isNumber || "._-".contains($0) }
        return "/pmoctl/\(user.isEmpty ? "unknown" : user)"
    }
}
