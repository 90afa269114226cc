import ArgumentParser
import Foundation
import Kafka
import PMOModel
import ServiceRuntime

/// `pmoctl tail <topic>...`: follows topics, one readable line per event.
struct TailCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tail",
        abstract: "Follow topics, one line per event: time, key, type and gist.",
        discussion: "Reads every partition without joining a consumer group, so it never disturbs the services. Ctrl-C stops it.")

    @Argument(help: "The topics to follow, e.g. pmo.intake.decisions (see docs/topics.md).")
    var topics: [String]

    @Flag(help: "Print each record's value (the event's JSON) as is, one per line.")
    var json = false

    @Flag(help: "Start from the oldest record instead of the newest.")
    var fromBeginning = false

    @Option(help: "Stop after this many records.")
    var maxEvents: Int?

    @Option(help: "Stop when no record has arrived for this many seconds.")
    var idleTimeout: Double?

    @OptionGroup var connection: ConnectionOptions

    func validate() throws {
        guard !topics.isEmpty else { throw ValidationError("name at least one topic to follow") }
    }

    func run() async throws {
        try await Reporting.run {
            let session = try ClusterSession(connection)
            let existing = try await session.topics()
            var partitions: [TopicPartitionOffset] = []
            for topic in topics {
                guard let metadata = existing.first(where: { $0.name == topic }) else {
                    throw PmoctlError("""
                        topic \(topic) does not exist on \(session.servers).
                        Check the name (docs/topics.md lists them) or create the catalog topics with `pmoctl topics create`.
                        """)
                }
                for partition in 0..<metadata.partitions {
                    partitions.append(TopicPartitionOffset(topic, partition,
                                                           offset: fromBeginning ? KafkaOffset.beginning : KafkaOffset.end))
                }
            }
            let consumer: KafkaConsumer
            do {
                consumer = try KafkaConsumer(configuration: session.configuration.merging(["enable.partition.eof": "false"]),
                                             groupID: nil, logger: session.logger)
                try consumer.assign(partitions)
            } catch let error as KafkaError {
                throw PmoctlError.kafka(error, servers: session.servers, while: "following \(topics.joined(separator: ", "))")
            }
            var seen = 0
            var lastRecord = ContinuousClock.now
            while maxEvents.map({ seen < $0 }) ?? true {
                let events: [ConsumerEvent]
                do throws(KafkaError) {
                    events = try await consumer.pollBatch(maxEvents: 100, timeout: .milliseconds(250))
                } catch {
                    throw PmoctlError.kafka(error, servers: session.servers, while: "following \(topics.joined(separator: ", "))")
                }
                for case .record(let record) in events {
                    seen += 1
                    lastRecord = .now
                    Reporting.printOut(line(for: record))
                    if let maxEvents, seen >= maxEvents { break }
                }
                if let idleTimeout, ContinuousClock.now - lastRecord > .milliseconds(Int64(idleTimeout * 1000)) { break }
            }
            try? await consumer.close()
        }
    }

    private func line(for record: ConsumerRecord) -> String {
        if json { return record.valueString ?? "null" }
        return TailLine.render(topic: record.topic, headers: record.headers.map(RecordHeader.init),
                               key: record.keyString, value: record.value ?? [], timestampMilliseconds: record.timestampMilliseconds)
    }
}
