import Foundation
import Kafka
import Logging
import PMOModel
import ServiceRuntime
import Testing

/// Drives the test counter (`pmo-test-counter`) on the test broker: topics, count requests,
/// instances, and a read_committed view of what it emitted.
struct CounterHarness {
    let name: String
    let inputTopic: String
    let outputTopic: String
    let group: String
    let partitions: Int32 = 6
    let bootstrap: String

    static var bootstrapServers: String? {
        ProcessInfo.processInfo.environment["KAFKA_BOOTSTRAP_SERVERS"].flatMap { $0.isEmpty ? nil : $0 }
    }
    static var isRequired: Bool { ProcessInfo.processInfo.environment["PMO_REQUIRE_BROKER"] == "1" }
    static let enabled = Testing.ConditionTrait.enabled(
        if: bootstrapServers != nil || isRequired,
        "no broker: set KAFKA_BOOTSTRAP_SERVERS, or run scripts/test.sh, which starts the embedded one")

    init(_ label: String) throws {
        guard let servers = Self.bootstrapServers else {
            throw TestFailure("PMO_REQUIRE_BROKER=1 but KAFKA_BOOTSTRAP_SERVERS is not set")
        }
        self.init(label, bootstrap: servers)
    }

    /// A harness on the broker at `bootstrap` rather than the shared test broker.
    init(_ label: String, bootstrap servers: String) {
        let suffix = UUID().uuidString.prefix(8).lowercased()
        name = "counter-\(label)-\(suffix)"
        inputTopic = "test.\(label).\(suffix).requests"
        outputTopic = "test.\(label).\(suffix).updates"
        group = "test-\(label)-\(suffix)"
        bootstrap = servers
    }

    var kafka: KafkaConfiguration { KafkaConfiguration(bootstrapServers: bootstrap) }

    func createTopics() async throws {
        let admin = try KafkaAdmin(configuration: kafka, logger: harnessLogger)
        try await admin.createTopics([
            NewTopic(name: inputTopic, partitions: partitions),
            NewTopic(name: outputTopic, partitions: partitions),
        ])
    }

    /// Starts an instance of the counter. Its operations endpoint listens on a free port chosen
    /// here (or on the `--http-port` given in `extra`), known to the returned process.
    func start(instance: String, extra: [String] = []) throws -> ServiceProcess {
        let given = extra.firstIndex(of: "--http-port").flatMap { extra.indices.contains($0 + 1) ? Int(extra[$0 + 1]) : nil }
        let port = try given ?? ServiceProcess.freePort()
        let process = try ServiceProcess("pmo-test-counter", arguments: [
            "--name", name, "--input-topic", inputTopic, "--output-topic", outputTopic,
            "--bootstrap-servers", bootstrap, "--group-id", group, "--instance-id", instance,
            "--http-host", "127.0.0.1",
            "--kafka-property", "session.timeout.ms=6000", "--kafka-property", "heartbeat.interval.ms=500",
            "--commit-records", "100", "--commit-interval-ms", "50",
        ] + (given == nil ? ["--http-port", "\(port)"] : []) + extra, name: "\(name)-\(instance)")
        process.httpPort = port
        return process
    }

    /// Waits until the input partitions are spread over `instances` as their `/readyz` reports
    /// them: every instance ready and owning some, no partition owned twice, none unowned. Returns
    /// each instance's partitions. Throws, with the outputs, when that does not happen in `timeout`.
    @discardableResult
    func waitForAssignment(of instances: [ServiceProcess], timeout: Duration = .seconds(60)) async throws -> [[Int32]] {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        var seen: [Readiness?] = []
        while clock.now < deadline, instances.allSatisfy(\.isRunning) {
            seen = []
            for instance in instances { seen.append(await instance.readiness()) }
            let owned = seen.compactMap { $0?.isReady == true ? $0?.partitions : nil }
            if owned.count == instances.count, owned.allSatisfy({ !$0.isEmpty }),
               owned.flatMap({ $0 }).sorted() == Array(0..<partitions) {
                return owned
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        let states = zip(instances, seen + Array(repeating: nil, count: instances.count))
            .map { "\($0.name): \($0.isRunning ? "running" : "exited"), \($1.map { "ready \($0.isReady), partitions \($0.partitions)" } ?? "no answer")" }
        throw TestFailure("the partitions were never spread over the instances within \(timeout): \(states)\n"
                          + instances.map { "--- \($0.name)\n\($0.output.suffix(2000))" }.joined(separator: "\n"))
    }

    /// The input partition of `key` (the producers' murmur2 partitioner).
    func partition(of key: String) -> Int32 {
        Partitioner.murmur2.partition(of: Array(key.utf8), partitions: partitions)
    }

    /// Publishes `count` requests of amount 1, spread over `keys` keys, with ids `first…`.
    func publishRequests(_ count: Int, keys: Int, first: Int = 0) async throws -> [String: Int] {
        let producer = try KafkaProducer(configuration: kafka, logger: harnessLogger)
        var perKey: [String: Int] = [:]
        for index in first..<(first + count) {
            let key = "key-\(index % keys)"
            perKey[key, default: 0] += 1
            try await producer.produce(try Self.request(key: key, id: "req-\(index)", topic: inputTopic))
        }
        try await producer.flush()
        await producer.close()
        return perKey
    }

    static func request(key: String, id: String, topic: String, amount: Int = 1) throws -> ProducerRecord {
        let attributes = CloudEventAttributes(id: id, source: "/test/harness", type: "pmo.test.count.requested.v1",
                                              time: Date(), subject: key)
        return ProducerRecord(topic: topic, key: key, value: Array(#"{"amount":\#(amount),"key":"\#(key)"}"#.utf8),
                              headers: try attributes.headers().map(KafkaHeader.init))
    }

    /// Reads the counter's outputs (read_committed) until `distinct` different event ids have been
    /// seen or `timeout` passes; returns every record read, duplicates included.
    func readOutputs(distinct: Int, timeout: Duration = .seconds(120)) async throws -> [CountOutput] {
        let reader = try KafkaConsumer(configuration: kafka, groupID: nil, logger: harnessLogger)
        try reader.assign((0..<partitions).map { TopicPartitionOffset(outputTopic, $0, offset: KafkaOffset.beginning) })
        var outputs: [CountOutput] = []
        var ids = Set<String>()
        let clock = ContinuousClock()
        let end = clock.now.advanced(by: timeout)
        while ids.count < distinct, clock.now < end {
            for case .record(let record) in try await reader.pollBatch(maxEvents: 2000, timeout: .milliseconds(200))
            where record.headers.string("ce_type") == "pmo.test.count.updated.v1" {
                let output = try CountOutput(record)
                outputs.append(output)
                ids.insert(output.id)
            }
        }
        // Anything beyond the expected outputs would be a duplicate: read a little longer.
        for case .record(let record) in try await reader.pollBatch(maxEvents: 2000, timeout: .milliseconds(500))
        where record.headers.string("ce_type") == "pmo.test.count.updated.v1" {
            outputs.append(try CountOutput(record))
        }
        try await reader.close()
        return outputs
    }

    /// Every idle report (`ce_id` and key) read within `window` from the start of the output topic.
    func readIdleReports(window: Duration) async throws -> [(id: String, key: String)] {
        let reader = try KafkaConsumer(configuration: kafka, groupID: nil, logger: harnessLogger)
        try reader.assign((0..<partitions).map { TopicPartitionOffset(outputTopic, $0, offset: KafkaOffset.beginning) })
        var reports: [(id: String, key: String)] = []
        let clock = ContinuousClock()
        let end = clock.now.advanced(by: window)
        while clock.now < end {
            for case .record(let record) in try await reader.pollBatch(maxEvents: 2000, timeout: .milliseconds(200))
            where record.headers.string("ce_type") == "pmo.test.count.idle.v1" {
                reports.append((record.headers.string("ce_id") ?? "", record.keyString ?? ""))
            }
        }
        try await reader.close()
        return reports
    }

    /// Checks exactly-once: per key, one update per request with sequences 1…n and the right
    /// total. Copies of one event (same `ce_id`) are counted apart: consumers drop them by id.
    func verifyExactlyOnce(_ outputs: [CountOutput], expected: [String: Int]) -> (copies: Int, problems: [String]) {
        var problems: [String] = []
        var byID: [String: CountOutput] = [:]
        var copies = 0
        for output in outputs {
            if let earlier = byID[output.id] {
                copies += 1
                if earlier != output { problems.append("two different events share the id \(output.id)") }
            } else {
                byID[output.id] = output
            }
        }
        let byKey = Dictionary(grouping: byID.values, by: \.key)
        for (key, count) in expected {
            let sequences = (byKey[key] ?? []).map(\.sequence).sorted()
            if sequences != Array(1...count) {
                problems.append("\(key): expected sequences 1…\(count), got \(sequences.count) updates "
                                + "(first \(sequences.prefix(5)), duplicates \(sequences.count - Set(sequences).count))")
            }
            if let last = byKey[key]?.max(by: { $0.sequence < $1.sequence }), last.total != count {
                problems.append("\(key): final total \(last.total), expected \(count)")
            }
        }
        for key in byKey.keys where expected[key] == nil { problems.append("unexpected key \(key)") }
        return (copies, problems)
    }
}

/// One update read from the counter's output topic.
struct CountOutput: Equatable {
    var id: String
    var key: String
    var total: Int
    var sequence: Int

    init(_ record: ConsumerRecord) throws {
        struct Body: Decodable { var key: String; var total: Int; var sequence: Int }
        let body = try JSONDecoder().decode(Body.self, from: Data(record.value ?? []))
        id = record.headers.string("ce_id") ?? ""
        key = body.key
        total = body.total
        sequence = body.sequence
    }
}

let harnessLogger: Logger = {
    var logger = Logger(label: "runtime-tests") { StreamLogHandler.standardError(label: $0) }
    logger.logLevel = .warning
    return logger
}()
