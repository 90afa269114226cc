import ArgumentParser
import Foundation
import Kafka
import Logging
import Synchronization

/// `pmo-bench pass-through`: the Swift Kafka client's raw pass-through loop, as a process of its
/// own so that its CPU time is measured apart from the benchmark's driver. It consumes the input
/// topic in a consumer group (auto-commit, no transactions, no state) and produces every record
/// to the output topic with its headers and a `bench_source` header naming the input
/// (`topic/partition/offset`); the same loop as the C reference's `raw` mode.
struct PassThroughCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pass-through",
        abstract: "Forwards every record of one topic to another with the Swift Kafka client (no transactions).")

    @Option(help: "Kafka bootstrap servers (env: KAFKA_BOOTSTRAP_SERVERS).")
    var bootstrapServers = ProcessInfo.processInfo.environment["KAFKA_BOOTSTRAP_SERVERS"] ?? "127.0.0.1:9092"

    @Option(help: "Topic to read.")
    var input: String

    @Option(help: "Topic to write.")
    var output: String

    @Option(help: "Consumer group.")
    var group: String

    @Option(help: "Records per poll.")
    var pollRecords = 500

    func run() async throws {
        Librdkafka.requireSupportedVersion()
        var logger = Logger(label: "pmo-bench.pass-through") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = .warning
        let kafka = KafkaConfiguration(bootstrapServers: bootstrapServers)
        // The C reference's raw consumer settings.
        let consumer = try KafkaConsumer(
            configuration: kafka.merging(["session.timeout.ms": "6000", "enable.auto.commit": "true",
                                          "isolation.level": "read_uncommitted", "fetch.wait.max.ms": "25",
                                          "partition.assignment.strategy": "range"]),
            groupID: group, logger: logger)
        try consumer.subscribe(topics: [input])
        let producer = try KafkaProducer(configuration: kafka, logger: logger)
        // SIGTERM and SIGINT end the loop; the flush and close follow.
        let stop = StopFlag()
        signal(SIGTERM, SIG_IGN)
        signal(SIGINT, SIG_IGN)
        let sources = [SIGTERM, SIGINT].map { DispatchSource.makeSignalSource(signal: $0, queue: .global()) }
        for source in sources {
            source.setEventHandler { stop.raise() }
            source.resume()
        }
        defer { withExtendedLifetime(sources) {} }
        FileHandle.standardError.write(Data("swift raw pass-through \(input) -> \(output) running\n".utf8))
        var forwarded = 0
        while !stop.isRaised {
            for case .record(let record) in try await consumer.pollBatch(maxEvents: pollRecords, timeout: .milliseconds(100)) {
                var headers = record.headers
                headers.append(KafkaHeader(name: "bench_source", string: "\(record.topic)/\(record.partition)/\(record.offset)"))
                try await producer.produce(ProducerRecord(topic: output, key: record.key, value: record.value, headers: headers))
                forwarded += 1
            }
        }
        try await producer.flush(timeout: .seconds(30))
        await producer.close(timeout: .seconds(5))
        try await consumer.close()
        print("forwarded=\(forwarded)")
    }
}

/// Set once by a signal handler, read by the loop.
final class StopFlag: Sendable {
    private let raised = Atomic<Bool>(false)
    func raise() { raised.store(true, ordering: .relaxed) }
    var isRaised: Bool { raised.load(ordering: .relaxed) }
}
