import ArgumentParser
import Foundation
import Kafka
import Logging
import PMOModel
#if canImport(Glibc)
import Glibc
#endif

/// A process the benchmark measures.
enum Target: String, CaseIterable, Sendable {
    case cRaw = "c-raw"
    case cExactlyOnce = "c-eos"
    case cExactlyOnceByKey = "c-eos-key"
    case cExactlyOnceNoChangelog = "c-eos-none"
    case swiftRaw = "swift-raw"
    case swiftExactlyOnce = "swift-eos"

    var title: String {
        switch self {
        case .cRaw: "C raw pass-through"
        case .cExactlyOnce: "C exactly-once, changelog per input"
        case .cExactlyOnceByKey: "C exactly-once, changelog per key"
        case .cExactlyOnceNoChangelog: "C exactly-once, no changelog"
        case .swiftRaw: "Swift raw pass-through"
        case .swiftExactlyOnce: "Swift runtime exactly-once (counter)"
        }
    }

    /// The C reference's `--changelog-mode`, for its exactly-once runs.
    var changelogMode: String? {
        switch self {
        case .cExactlyOnce: "input"
        case .cExactlyOnceByKey: "key"
        case .cExactlyOnceNoChangelog: "none"
        default: nil
        }
    }
}

/// The executables the benchmark starts.
struct Tools {
    let bench: URL
    let counter: URL
    let reference: URL
}

/// A perf profile to record of a process under test.
struct PerfRequest {
    let output: String
    let callGraph: String
}

/// One drain: how fast a process under test worked off preloaded input, and at what CPU cost.
struct DrainResult {
    let target: Target
    let events: Int
    /// Inputs whose output the reader saw.
    let distinct: Int
    let complete: Bool
    /// From the first output produced to the last output visible.
    let seconds: Double
    let processCPU: Double?
    let brokerCPU: Double?
    let readerCPU: Double?
    let notes: String
    /// Which repetition this was, when drains are repeated.
    var round: Int?

    var eventsPerSecond: Double { Double(distinct) / seconds }

    var summary: String {
        String(format: "%.0f events/s, %.2f s, CPU %@ s (broker %@ s)%@", eventsPerSecond, seconds,
               processCPU.map { String(format: "%.2f", $0) } ?? "n/a", brokerCPU.map { String(format: "%.2f", $0) } ?? "n/a",
               notes.isEmpty ? "" : "; " + notes)
    }
}

/// The benchmark's runs. Each run uses fresh topics and a fresh consumer group, and deletes its
/// topics afterwards so that the broker holds about the same data for every run.
struct Bench {
    let kafka: KafkaConfiguration
    let keys: Int
    let tools: Tools
    let policy: CommitPolicy
    let counterArgs: [String]
    let referenceArgs: [String]
    let brokerPID: Int32?
    let logger: Logger
    let partitions: Int32 = 6

    struct Topics {
        let name: String
        let input: String
        let output: String
        /// The changelog of the counter and of the C exactly-once reference.
        var changelog: String { "pmo.\(name).changelog" }
        /// The counter's dead letters.
        var deadLetters: String { "pmo.\(name).dlq" }
        var all: [String] { [input, output, changelog, deadLetters] }
    }

    var servers: String { kafka.bootstrapServers }

    func freshTopics(_ label: String, changelog: Bool = false) async throws -> Topics {
        let suffix = UUID().uuidString.prefix(8).lowercased()
        let topics = Topics(name: "bench-\(label)-\(suffix)", input: "bench.\(label).\(suffix).in", output: "bench.\(label).\(suffix).out")
        let admin = try KafkaAdmin(configuration: kafka, logger: logger)
        var new = [NewTopic(name: topics.input, partitions: partitions), NewTopic(name: topics.output, partitions: partitions)]
        if changelog {
            new.append(NewTopic(name: topics.changelog, partitions: partitions, configs: ["cleanup.policy": "compact"]))
        }
        try await admin.createTopics(new)
        return topics
    }

    /// Deletes the run's topics (those that exist); a failure is only reported.
    func deleteTopics(_ topics: Topics) async {
        // Kept for a look afterwards when PMO_BENCH_KEEP_TOPICS=1.
        if ProcessInfo.processInfo.environment["PMO_BENCH_KEEP_TOPICS"] == "1" { return }
        let admin = try? KafkaAdmin(configuration: kafka, logger: logger)
        let existing = Set((try? await admin?.listTopics())?.map(\.name) ?? topics.all)
        let names = topics.all.filter(existing.contains)
        guard !names.isEmpty else { return }
        do {
            _ = try await ChildProcess.run(tools.reference, ["delete", "--brokers", servers] + names.flatMap { ["--topic", $0] },
                                           name: "delete", timeout: .seconds(60))
        } catch {
            logger.warning("could not delete the run's topics: \(error)")
        }
    }

    /// Starts `target` on `topics`.
    func start(_ target: Target, _ topics: Topics) throws -> ChildProcess {
        switch target {
        case .cRaw:
            return try ChildProcess(tools.reference, ["raw", "--brokers", servers, "--group", topics.name, "--input", topics.input,
                                                      "--output", topics.output, "--poll-records", "500"] + referenceArgs,
                                    name: target.rawValue)
        case .cExactlyOnce, .cExactlyOnceByKey, .cExactlyOnceNoChangelog:
            return try ChildProcess(tools.reference, ["eos", "--brokers", servers, "--group", topics.name, "--input", topics.input,
                                                      "--output", topics.output, "--changelog", topics.changelog,
                                                      "--changelog-mode", target.changelogMode ?? "input"]
                                        + policy.referenceArguments + referenceArgs,
                                    name: target.rawValue)
        case .swiftRaw:
            return try ChildProcess(tools.bench, ["pass-through", "--bootstrap-servers", servers, "--group", topics.name,
                                                  "--input", topics.input, "--output", topics.output, "--poll-records", "500"],
                                    name: target.rawValue)
        case .swiftExactlyOnce:
            return try startCounter(topics)
        }
    }

    // MARK: Drains

    /// Preloads `events` inputs with the C loader, starts `target`, and measures how long it
    /// takes from its first output produced (the earliest output timestamp) until a
    /// read_committed reader has seen an output for every input, and the CPU seconds of the
    /// process, the broker and the reader in that interval.
    func drain(_ target: Target, events: Int, perf: PerfRequest?) async throws -> DrainResult {
        let topics = try await freshTopics(target.rawValue, changelog: target.changelogMode != nil)
        do {
            let result = try await drain(target, topics: topics, events: events, perf: perf)
            await deleteTopics(topics)
            return result
        } catch {
            await deleteTopics(topics)
            throw error
        }
    }

    private func drain(_ target: Target, topics: Topics, events: Int, perf: PerfRequest?) async throws -> DrainResult {
        let load = try await ChildProcess.run(
            tools.reference, ["load", "--brokers", servers, "--topic", topics.input, "--events", "\(events)", "--keys", "\(keys)",
                              "--id-prefix", topics.name],
            name: "load", timeout: .seconds(600))
        let loadSeconds = load.values["load_seconds"].flatMap(Double.init)
        let timeout = max(300, events / 500)
        let reader = try ChildProcess(tools.reference, ["watch", "--brokers", servers, "--topic", topics.output,
                                                        "--events", "\(events)", "--timeout-s", "\(timeout)"], name: "watch")
        guard await reader.waitForValue("ready", timeout: .seconds(60)) != nil else {
            await reader.stop()
            throw ValidationError("the output reader did not start: \(reader.log)")
        }
        let process = try start(target, topics)
        let profiler = try perf.map { try startPerf($0, pid: process.pid) }
        let sampler = CPUSampler(pids: [process.pid, reader.pid] + (brokerPID.map { [$0] } ?? []))
        await reader.waitForExit(timeout: .seconds(Int64(timeout) + 60))
        sampler.stop()
        if let profiler {
            profiler.signal(SIGINT)
            await profiler.waitForExit(timeout: .seconds(120))
        }
        let metrics = target == .swiftExactlyOnce ? scrapeMetrics(process) : nil
        await process.stop()
        await reader.stop()

        let values = reader.values
        let distinct = values["distinct"].flatMap(Int.init) ?? 0
        let firstMicros = (values["first_create_ms"].flatMap(Int64.init) ?? 0) * 1000
        let lastMicros = values["last_visible_us"].flatMap(Int64.init) ?? 0
        let seconds = Double(lastMicros - firstMicros) / 1e6
        var notes: [String] = []
        if distinct < events { notes.append("INCOMPLETE: \(distinct) of \(events) outputs") }
        if let duplicates = values["duplicates"].flatMap(Int.init), duplicates > 0 { notes.append("\(duplicates) duplicate outputs") }
        notes.append(contentsOf: processNotes(target, process: process, metrics: metrics, topics: topics))
        let status = process.exitStatus
        let failed = status.map { $0 != 0 } ?? true
        if failed { notes.append("exit status \(status.map(String.init) ?? "none: still running")") }
        if let loadSeconds { notes.append(String(format: "loaded at %.0f/s", Double(events) / loadSeconds)) }
        if profiler != nil { notes.append("under perf") }
        if distinct < events || failed {
            FileHandle.standardError.write(Data("[bench] \(target.rawValue) log:\n\(process.log.suffix(3000))\n".utf8))
        }
        return DrainResult(
            target: target, events: events, distinct: distinct, complete: distinct >= events, seconds: seconds,
            processCPU: sampler.cpuSeconds(process.pid, from: firstMicros, to: lastMicros),
            brokerCPU: brokerPID.flatMap { sampler.cpuSeconds($0, from: firstMicros, to: lastMicros) },
            readerCPU: sampler.cpuSeconds(reader.pid, from: firstMicros, to: lastMicros),
            notes: notes.joined(separator: "; "))
    }

    /// What the process under test reported of its work.
    private func processNotes(_ target: Target, process: ChildProcess, metrics: [String: Double]?, topics: Topics) -> [String] {
        var notes: [String] = []
        switch target {
        case .cExactlyOnce, .cExactlyOnceByKey, .cExactlyOnceNoChangelog:
            let values = process.values
            if let transactions = values["transactions"] { notes.append("\(transactions) txns") }
            if let changelog = values["changelog_records"] { notes.append("\(changelog) changelog records") }
            if let offsets = values["send_offsets_seconds"], let commit = values["commit_seconds"] {
                notes.append("send_offsets \(offsets) s + commit \(commit) s")
            }
        case .swiftExactlyOnce:
            if let metrics {
                let changelog = metrics["pmo_records_out_total{topic=\"\(topics.changelog)\"}"]
                    ?? metrics.first { $0.key.hasPrefix("pmo_records_out_total") && $0.key.contains(topics.changelog) }?.value
                let transactions = metrics.filter { $0.key.hasPrefix("pmo_transactions_total") && $0.key.contains("committed") }
                    .values.reduce(0, +)
                let aborted = metrics.filter { $0.key.hasPrefix("pmo_transactions_total") && $0.key.contains("aborted") }
                    .values.reduce(0, +)
                notes.append("\(Int(transactions)) txns")
                if let changelog { notes.append("\(Int(changelog)) changelog records") }
                if aborted > 0 { notes.append("\(Int(aborted)) aborted") }
                let dead = metrics.filter { $0.key.hasPrefix("pmo_dlq_records_total") }.values.reduce(0, +)
                if dead > 0 { notes.append("\(Int(dead)) dead letters") }
                let moved = metrics.filter { $0.key.hasPrefix("pmo_records_rerouted_total") }.values.reduce(0, +)
                if moved > 0 { notes.append("\(Int(moved)) re-routed") }
            }
        default:
            break
        }
        return notes
    }

    /// The counter's Prometheus metrics (`name{labels}` → value), read from its /metrics.
    private func scrapeMetrics(_ counter: ChildProcess) -> [String: Double]? {
        // "http.address=[IPv4]127.0.0.1/127.0.0.1:PORT [ServiceRuntime] operations endpoint listening"
        guard let line = counter.log.split(separator: "\n").first(where: { $0.contains("operations endpoint listening") }),
              let address = line.split(separator: " ").first(where: { $0.hasPrefix("http.address=") }),
              let colon = address.lastIndex(of: ":"), let port = Int(address[address.index(after: colon)...]) else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["curl", "-s", "--max-time", "5", "http://127.0.0.1:\(port)/metrics"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard !text.isEmpty else { return nil }
        var metrics: [String: Double] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else { continue }
            metrics[String(line[..<space])] = value
        }
        return metrics
    }

    /// `perf record` attached to `pid` until it is sent SIGINT.
    private func startPerf(_ request: PerfRequest, pid: Int32) throws -> ChildProcess {
        let perf = ["/usr/bin/perf", "/usr/local/bin/perf"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let perf else { throw ValidationError("perf is not installed (Debian: linux-perf)") }
        return try ChildProcess(URL(fileURLWithPath: perf),
                                ["record", "-F", "999", "--call-graph", request.callGraph, "-p", "\(pid)", "-o", request.output],
                                name: "perf")
    }

    // MARK: Latency

    /// Starts `target` once, and for each rate publishes `rate × seconds` events at that steady
    /// rate, measuring each one from just before it is produced to the arrival of its output at
    /// a read_committed reader.
    func latencyRuns(_ target: Target, rates: [Int], seconds: Int) async throws -> [(Int, LatencyRecorder)] {
        let topics = try await freshTopics("lat-" + target.rawValue, changelog: target.changelogMode != nil)
        let process: ChildProcess
        do {
            process = try start(target, topics)
        } catch {
            await deleteTopics(topics)
            throw error
        }
        var results: [(Int, LatencyRecorder)] = []
        do {
            _ = try await measure(topics: topics, label: "warm-up", events: 1, rate: nil)
            for rate in rates {
                results.append((rate, try await measure(topics: topics, label: "r\(rate)", events: rate * seconds, rate: rate)))
            }
        } catch {
            await process.stop()
            await deleteTopics(topics)
            throw error
        }
        await process.stop()
        await deleteTopics(topics)
        return results
    }

    /// Records in the input topic (the sum of its high watermarks; it is not transactional).
    private func inputRecords(_ topics: Topics, _ consumer: KafkaConsumer) async throws -> Int {
        try await (0..<partitions).asyncMap { Int(try await consumer.watermarks(TopicPartition(topics.input, $0)).high) }
            .reduce(0, +)
    }

    /// The input an output answers: `bench_source` (pass-through copies), or the counter's
    /// `ce_id` `<topic>/<partition>/<offset>/<n>`.
    private static func inputOf(_ record: ConsumerRecord) -> String? {
        if let source = record.headers.string("bench_source") { return source }
        guard let id = record.headers.string("ce_id") else { return nil }
        return String(id[..<(id.lastIndex(of: "/") ?? id.endIndex)])
    }

    /// Publishes `events` count requests (as fast as possible, or at `rate` per second) and reads
    /// their outputs. Records are sent in the ticks of a 1 ms clock, each timed on its own.
    private func measure(topics: Topics, label: String, events: Int, rate: Int?) async throws -> LatencyRecorder {
        let reader = try KafkaConsumer(configuration: kafka.merging(["fetch.wait.max.ms": "10"]), groupID: nil, logger: logger)
        let marks = try await (0..<partitions).asyncMap { try await reader.watermarks(TopicPartition(topics.output, $0)) }
        try reader.assign((0..<partitions).map { TopicPartitionOffset(topics.output, $0, offset: marks[Int($0)].high) })
        let inputBefore = try await inputRecords(topics, reader)
        let producer = try KafkaProducer(configuration: kafka, logger: logger)
        let recorder = SharedRecorder()
        // Delivery reports (which give each input's position) are resolved on the side.
        let (sends, sending) = AsyncStream<(DeliveryTicket, UInt64)>.makeStream()
        let resolver = Task {
            for await (ticket, sentAt) in sends {
                if let report = try? await ticket.report {
                    recorder.sent("\(report.topic)/\(report.partition)/\(report.offset)", at: sentAt)
                }
            }
        }
        let deadline = ContinuousClock.now + .seconds(120) + .seconds(rate.map { events / $0 } ?? 0)
        let reading = Task {
            var matched = 0
            while matched < events, ContinuousClock.now < deadline {
                let batch = try await reader.pollBatch(maxEvents: 10_000, timeout: .milliseconds(20))
                let now = monotonicNanoseconds()
                var ids: [String] = []
                for case .record(let record) in batch {
                    if let input = Self.inputOf(record) { ids.append(input) }
                }
                // Outputs can arrive before their input's delivery report was resolved.
                matched = ids.isEmpty ? recorder.matched : recorder.received(ids, at: now)
            }
            return matched
        }
        // Every input has the same envelope but for its id and subject; built and checked once.
        let template = try CloudEventAttributes(id: "template", source: "/bench", type: "pmo.test.count.requested.v1",
                                                time: Date(), subject: "key-0").headers()
            .map { KafkaHeader(name: $0.name, value: $0.value) }
        let idIndex = template.firstIndex { $0.name == CloudEventAttributes.Header.id }!
        let subjectIndex = template.firstIndex { $0.name == CloudEventAttributes.Header.subject }!
        let interval = rate.map { 1_000_000_000 / UInt64($0) }
        let start = monotonicNanoseconds()
        var index = 0
        while index < events {
            let now = monotonicNanoseconds()
            let due = interval.map { min(events, Int((now - start) / $0) + 1) } ?? events
            while index < due {
                let key = "key-\(index % keys)"
                var headers = template
                headers[idIndex].value = Array("\(topics.name)-\(label)-\(index)".utf8)
                headers[subjectIndex].value = Array(key.utf8)
                let record = ProducerRecord(topic: topics.input, key: key, value: Array(#"{"amount":1,"key":"\#(key)"}"#.utf8),
                                            headers: headers)
                let sentAt = monotonicNanoseconds()
                sending.yield((try await producer.produce(record), sentAt))
                index += 1
            }
            if index < events { try await Task.sleep(for: .milliseconds(1)) }
        }
        sending.finish()
        let received = try await reading.value
        await resolver.value
        await producer.close()
        recorder.noteExtraInputs(try await inputRecords(topics, reader) - inputBefore - events)
        try await reader.close()
        if received < events {
            logger.error("only \(received) of \(events) outputs arrived")
        }
        return recorder.snapshot
    }

    // MARK: Restore

    /// Fills a counter's changelog with `keys` keys, starts the counter and times the restore.
    func restoreRun(keys: Int) async throws -> (restoreSeconds: Double, readySeconds: Double) {
        let topics = try await freshTopics("restore")
        let admin = try KafkaAdmin(configuration: kafka, logger: logger)
        try await admin.createTopics([NewTopic(name: topics.changelog, partitions: partitions, configs: ["cleanup.policy": "compact"])])
        let producer = try KafkaProducer(configuration: kafka.merging(["linger.ms": "20"]), logger: logger)
        for index in 0..<keys {
            let key = "key-\(index)"
            // The changelog value format the counter has always read (a window of applied event ids and the state).
            let value = #"{"applied":{"capacity":256,"identities":["/bench \#(key)-1"]},"state":{"applied":1,"total":\#(index)}}"#
            try await producer.produce(ProducerRecord(topic: topics.changelog, partition: Int32(index % Int(partitions)),
                                                      key: Array(key.utf8), value: Array(value.utf8)))
        }
        try await producer.flush(timeout: .seconds(120))
        await producer.close()

        let started = monotonicNanoseconds()
        let counter = try startCounter(topics)
        let deadline = started + 300_000_000_000
        while monotonicNanoseconds() < deadline, !counter.log.contains("pmo.restore_ms=") {
            try await Task.sleep(for: .milliseconds(50))
        }
        let ready = Double(monotonicNanoseconds() - started) / 1e9
        let log = counter.log
        await counter.stop()
        await deleteTopics(topics)
        let restoreMs = log.components(separatedBy: "pmo.restore_ms=").dropFirst()
            .compactMap { Double($0.prefix { $0.isNumber }) }.max() ?? .nan
        let keysRestored = log.components(separatedBy: "pmo.keys=").dropFirst()
            .compactMap { Int($0.prefix { $0.isNumber }) }.reduce(0, +)
        if keysRestored != keys {
            logger.error("the counter restored \(keysRestored) keys, not \(keys)")
        }
        return (restoreMs / 1000, ready)
    }

    private func startCounter(_ topics: Topics) throws -> ChildProcess {
        try ChildProcess(tools.counter, [
            "--name", topics.name, "--input-topic", topics.input, "--output-topic", topics.output,
            "--bootstrap-servers", kafka.bootstrapServers, "--group-id", topics.name, "--instance-id", "bench",
            "--http-port", "0", "--http-host", "127.0.0.1", "--kafka-property", "session.timeout.ms=6000",
            "--log-level", "info",
        ] + counterArgs, name: "counter")
    }
}

extension Sequence {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var result: [T] = []
        for element in self { result.append(try await transform(element)) }
        return result
    }
}
