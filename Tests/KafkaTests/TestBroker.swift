import Foundation
import Kafka
import Logging
import Testing

/// The broker the integration tests talk to: `KAFKA_BOOTSTRAP_SERVERS`, set by scripts/test.sh
/// after it starts the embedded broker (or by the user, for a real cluster).
enum TestBroker {
    static var bootstrapServers: String? {
        ProcessInfo.processInfo.environment["KAFKA_BOOTSTRAP_SERVERS"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// True when the test command demands that broker tests run (it sets `PMO_REQUIRE_BROKER=1`).
    static var isRequired: Bool {
        ProcessInfo.processInfo.environment["PMO_REQUIRE_BROKER"] == "1"
    }

    /// Broker tests run when a broker is configured, and also when one is required but missing,
    /// so that they fail instead of being skipped.
    static var shouldRun: Bool { bootstrapServers != nil || isRequired }

    /// The configuration producers and admin clients in tests start from.
    static func configuration(_ extra: [String: String] = [:]) throws -> KafkaConfiguration {
        guard let servers = bootstrapServers else {
            throw TestFailure("PMO_REQUIRE_BROKER=1 but KAFKA_BOOTSTRAP_SERVERS is not set: no broker to test against")
        }
        return KafkaConfiguration(bootstrapServers: servers, properties: [
            "topic.metadata.refresh.interval.ms": "2000",
        ]).merging(extra)
    }

    /// The configuration consumers in tests start from: fast group joins on the embedded broker.
    static func consumerConfiguration(_ extra: [String: String] = [:]) throws -> KafkaConfiguration {
        try configuration([
            "session.timeout.ms": "6000",
            "heartbeat.interval.ms": "500",
        ]).merging(extra)
    }

    /// A unique topic or group name for one test.
    static func uniqueName(_ prefix: String) -> String {
        "test.\(prefix).\(UUID().uuidString.prefix(8).lowercased())"
    }

    /// Creates a topic for one test and returns its name.
    static func createTopic(_ prefix: String, partitions: Int32, configs: [String: String] = [:]) async throws -> String {
        let name = uniqueName(prefix)
        let admin = try KafkaAdmin(configuration: configuration(), logger: testLogger)
        try await admin.createTopics([NewTopic(name: name, partitions: partitions, configs: configs)])
        return name
    }

    static let enabled = Testing.ConditionTrait.enabled(
        if: shouldRun,
        "no broker: set KAFKA_BOOTSTRAP_SERVERS, or run scripts/test.sh, which starts the embedded one")
}

/// A logger that shows librdkafka's warnings and errors in test output.
let testLogger: Logger = {
    var logger = Logger(label: "kafka-tests") { StreamLogHandler.standardError(label: $0) }
    logger.logLevel = .warning
    return logger
}()

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

extension KafkaConsumer {
    /// Polls until `count` records have arrived or `deadline` passes; returns the records and
    /// every non-record event seen on the way.
    func collect(records count: Int, within deadline: Duration = .seconds(60))
        async throws -> (records: [ConsumerRecord], events: [ConsumerEvent])
    {
        var records: [ConsumerRecord] = []
        var others: [ConsumerEvent] = []
        let clock = ContinuousClock()
        let end = clock.now.advanced(by: deadline)
        while records.count < count, clock.now < end {
            for event in try await pollBatch(maxEvents: 500, timeout: .milliseconds(200)) {
                if case .record(let record) = event { records.append(record) } else { others.append(event) }
            }
        }
        return (records, others)
    }

    /// Polls until the consumer has been assigned partitions (returns them).
    func awaitAssignment(within deadline: Duration = .seconds(60)) async throws -> [TopicPartition] {
        let clock = ContinuousClock()
        let end = clock.now.advanced(by: deadline)
        while clock.now < end {
            if case .partitionsAssigned(let partitions)? = try await poll(timeout: .milliseconds(200)) {
                _ = try await poll(timeout: .milliseconds(10))  // completes the assignment
                return partitions
            }
        }
        throw TestFailure("no partitions assigned within \(deadline)")
    }
}
