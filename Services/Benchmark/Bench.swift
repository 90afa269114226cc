import Foundation
import Kafka
import Logging
import ArgumentParser
import PMOModel

/// The benchmark's runs. Each run uses fresh topics and a fresh consumer group.
struct Bench {
    let kafka: KafkaConfiguration
    let keys: Int
    let logger: Logger
    let partitions: Int32 = 6

    struct Topics {
        let name: String
        let input: String
        let output: String
    }

    func freshTopics(_ label: String) async throws -> Topics {
        let suffix = UUID().uuidString.prefix(8).lowercased()
        let topics = Topics(name: "bench-\(label)-\(suffix)", input: "bench.\(label).\(suffix).in", output: "bench.\(label).\(suffix).out")
        let admin = try KafkaAdmin(configuration: kafka, logger: logger)
        try await admin.createTopics([NewTopic(name: topics.input, partitions: partitions),
                                      NewTopic(name: topics.output, partitions: partitions)])
        return topics
    }

    /// The counter with exactly-once processing, as a separate process.
    func counterRun(events: Int, rate: Int?) async throws -> LatencyRecorder {
        let topics = try await freshTopics("eos")
        let counter = try startCounter(topics)
        defer { counter.terminate() }
        try await warmUp(topics)
        return try await measure(topics: topics, events: events, rate: rate) { record in
            // The counter's output id names its input: <topic>/<partition>/<offset>/<n>.
            record.headers.string("ce_id").map { String($0.split(separator: "/").dropLast().joined(separator: "/")) }
        }
    }

    /// Raw pass-through: consume and produce with plain librdkafka, no transactions, no state.
    func passThroughRun(events: Int, rate: Int?) async throws -> LatencyRecorder {
        let topics = try await freshTopics("raw")
        let consumer = try KafkaConsumer(
            configuration: kafka.merging(["session.timeout.ms": "6000", "enable.auto.commit": "true",
                                          "isolation.level": "read_uncommitted", "fetch.wait.max.ms": "10"]),
            groupID: topics.name, logger: logger)
        try consumer.subscribe(topics: [topics.input])
        let producer = try KafkaProducer(configuration: kafka, logger: logger)
        let forwarding = Task {
            while !Task.isCancelled {
                for case .record(let record) in try await consumer.pollBatch(maxEvents: 500, timeout: .milliseconds(100)) {
                    var headers = record.headers
                    headers.append(KafkaHeader(name: "bench_source", string: "\(record.topic)/\(record.partition)/\(record.offset)"))
                    try await producer.produce(ProducerRecord(topic: topics.output, key: record.key, value: record.value, headers: headers))
                }
            }
        }
        defer { forwarding.cancel() }
        try await warmUp(topics)
        let recorder = try await measure(topics: topics, events: events, rate: rate) { $0.headers.string("bench_source") }
        forwarding.cancel()
        _ = await forwarding.result
        try await consumer.close()
        await producer.close(timeout: .seconds(5))
        return recorder
    }

    /// Sends one event and waits for its output, so group joins are not measured.
    private func warmUp(_ topics: Topics) async throws {
        _ = try await measure(topics: topics, events: 1, rate: nil, warmUp: true) { _ in nil }
    }

    /// Sends `events` requests (as fast as possible, or at `rate` per second) and reads the outputs.
    private func measure(topics: Topics, events: Int, rate: Int?, warmUp: Bool = false,
                         inputOf: @escaping @Sendable (ConsumerRecord) -> String?) async throws -> LatencyRecorder {
        let reader = try KafkaConsumer(configuration: kafka.merging(["fetch.wait.max.ms": "10"]), groupID: nil, logger: logger)
        let marks = try await (0..<partitions).asyncMap { try await reader.watermarks(TopicPartition(topics.output, $0)) }
        try reader.assign((0..<partitions).map { TopicPartitionOffset(topics.output, $0, offset: marks[Int($0)].high) })
        let producer = try KafkaProducer(configuration: kafka, logger: logger)
        let recorder = SharedRecorder()
        // Delivery reports are resolved on the side, so sending keeps its pace.
        let (sends, sending) = AsyncStream<(DeliveryTicket, UInt64)>.makeStream()
        let resolver = Task {
            for await (ticket, sentAt) in sends {
                if let report = try? await ticket.report {
                    recorder.sent("\(report.topic)/\(report.partition)/\(report.offset)", at: sentAt)
                }
            }
        }
        var received = 0
        let interval = rate.map { 1_000_000_000 / UInt64($0) }
        let start = monotonicNanoseconds()
        for index in 0..<events {
            if let interval {
                let due = start + UInt64(index) * interval
                let now = monotonicNanoseconds()
                if due > now { try await Task.sleep(for: .nanoseconds(Int64(due - now))) }
            }
            let key = "key-\(index % keys)"
            let attributes = CloudEventAttributes(id: "\(topics.name)-\(index)-\(warmUp)", source: "/bench", type: "pmo.test.count.requested.v1",
                                                  time: Date(), subject: key)
            let record = ProducerRecord(topic: topics.input, key: key, value: Array(#"{"amount":1,"key":"\#(key)"}"#.utf8),
                                        headers: try attributes.headers().map { KafkaHeader(name: $0.name, value: $0.value) })
            let sentAt = monotonicNanoseconds()
            sending.yield((try await producer.produce(record), sentAt))
            if rate != nil || index % 1000 == 999 {
                received += drain(try await reader.pollBatch(maxEvents: 5000, timeout: .zero), into: recorder, inputOf: inputOf)
            }
        }
        sending.finish()
        let deadline = monotonicNanoseconds() + 120_000_000_000
        while received < events, monotonicNanoseconds() < deadline {
            received += drain(try await reader.pollBatch(maxEvents: 5000, timeout: .milliseconds(100)), into: recorder, inputOf: inputOf)
        }
        await resolver.value
        await producer.close()
        try await reader.close()
        if received < events, !warmUp {
            logger.error("only \(received) of \(events) outputs arrived")
        }
        return recorder.snapshot
    }

    private func drain(_ events: [ConsumerEvent], into recorder: SharedRecorder,
                       inputOf: (ConsumerRecord) -> String?) -> Int {
        let now = monotonicNanoseconds()
        var count = 0
        for case .record(let record) in events {
            count += 1
            if let input = inputOf(record) { recorder.received(input, at: now) }
        }
        return count
    }

    /// Fills a counter's changelog with `keys` keys, starts the counter and times the restore.
    func restoreRun(keys: Int) async throws -> (restoreSeconds: Double, readySeconds: Double) {
        let topics = try await freshTopics("restore")
        let changelog = "pmo.\(topics.name).changelog"
        let admin = try KafkaAdmin(configuration: kafka, logger: logger)
        try await admin.createTopics([NewTopic(name: changelog, partitions: partitions, configs: ["cleanup.policy": "compact"])])
        let producer = try KafkaProducer(configuration: kafka.merging(["linger.ms": "20"]), logger: logger)
        for index in 0..<keys {
            let key = "key-\(index)"
            let value = #"{"applied":{"capacity":256,"identities":["/bench \#(key)-1"]},"state":{"applied":1,"total":\#(index)}}"#
            try await producer.produce(ProducerRecord(topic: changelog, partition: Int32(index % Int(partitions)),
                                                      key: Array(key.utf8), value: Array(value.utf8)))
        }
        try await producer.flush(timeout: .seconds(120))
        await producer.close()

        let started = monotonicNanoseconds()
        let counter = try startCounter(topics)
        defer { counter.terminate() }
        let deadline = started + 300_000_000_000
        while monotonicNanoseconds() < deadline, !counter.log.contains("pmo.restore_ms=") {
            try await Task.sleep(for: .milliseconds(50))
        }
        let ready = Double(monotonicNanoseconds() - started) / 1e9
        let restoreMs = counter.log.components(separatedBy: "pmo.restore_ms=").dropFirst()
            .compactMap { Double($0.prefix { $0.isNumber }) }.max() ?? .nan
        let keysRestored = counter.log.components(separatedBy: "pmo.keys=").dropFirst()
            .compactMap { Int($0.prefix { $0.isNumber }) }.reduce(0, +)
        if keysRestored != keys {
            logger.error("the counter restored \(keysRestored) keys, not \(keys)")
        }
        return (restoreMs / 1000, ready)
    }

    private func startCounter(_ topics: Topics) throws -> CounterProcess {
        try CounterProcess(arguments: [
            "--name", topics.name, "--input-topic", topics.input, "--output-topic", topics.output,
            "--bootstrap-servers", kafka.bootstrapServers, "--group-id", topics.name, "--instance-id", "bench",
            "--http-port", "0", "--http-host", "127.0.0.1", "--kafka-property", "session.timeout.ms=6000",
            "--log-level", "info",
        ])
    }
}

/// The counter started as a separate process, with its log in a temporary file.
final class CounterProcess {
    private let process = Process()
    private let logURL: URL

    init(arguments: [String]) throws {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("pmo-test-counter")
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            throw ValidationError("\(binary.path) is missing: build it with swift build -c release --product pmo-test-counter")
        }
        logURL = FileManager.default.temporaryDirectory.appendingPathComponent("pmo-bench-\(UUID().uuidString.prefix(6)).log")
        _ = FileManager.default.createFile(atPath: logURL.path, contents: nil)
        let log = try FileHandle(forWritingTo: logURL)
        process.executableURL = binary
        process.arguments = arguments
        process.standardOutput = log
        process.standardError = log
        try process.run()
    }

    var log: String { (try? String(contentsOf: logURL, encoding: .utf8)) ?? "" }

    func terminate() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
    }
}

extension Sequence {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var result: [T] = []
        for element in self { result.append(try await transform(element)) }
        return result
    }
}
