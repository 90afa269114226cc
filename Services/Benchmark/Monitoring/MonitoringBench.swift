import ArgumentParser
import Foundation
import Kafka
import Logging
import PMOModel
#if canImport(Glibc)
import Glibc
#endif

/// A process drained in the monitoring benchmark.
enum MonitoringTarget: String, CaseIterable, Sendable {
    case python = "python"
    case cRaw = "c-raw"
    case swiftRaw = "swift-raw"
    case monitoring2 = "monitoring-2"
    case monitoring1 = "monitoring-1"

    var title: String {
        switch self {
        case .python: "Python peer (confluent-kafka, orjson, EOS)"
        case .cRaw: "C raw pass-through"
        case .swiftRaw: "Swift raw pass-through"
        case .monitoring1: "pmo-monitoring, 1 instance"
        case .monitoring2: "pmo-monitoring, 2 instances"
        }
    }

    var isService: Bool { self == .monitoring1 || self == .monitoring2 }
}

/// One drain of the preloaded reports.
struct MonitoringDrain {
    let target: MonitoringTarget
    let reports: Int
    let distinct: Int
    let seconds: Double
    /// CPU seconds of the process(es) under test, of the broker and of the reader.
    let processCPU: Double?
    let brokerCPU: Double?
    let readerCPU: Double?
    /// From the start of the process(es) to the last health record visible.
    let fromStartSeconds: Double
    let notes: [String]
    /// The topic read, and the bench's own topics of the run (deleted after it unless kept running).
    var output = MonitoringBench.healthTopic
    var ownTopics: [String]?
    var complete: Bool { distinct >= reports }
    var reportsPerSecond: Double { Double(distinct) / seconds }
}

/// The runs of `pmo-bench monitoring`: drains of the preloaded report stream by each process, and
/// latency at steady rates through one pmo-monitoring instance.
struct MonitoringBench {
    let kafka: KafkaConfiguration
    let reference: URL
    let bench: URL
    let monitoring: URL
    let python: URL
    let peerScript: String
    let policy: CommitPolicy
    let monitoringArgs: [String]
    let peerArgs: [String]
    let brokerPID: Int32?
    let logger: Logger
    var servers: String { kafka.bootstrapServers }
    static let reportsTopic = "pmo.status.reports"
    static let healthTopic = "pmo.monitoring.health"

    /// Deletes `topics` (those that exist) with the C reference; a failure is only reported.
    func delete(_ topics: [String]) async {
        guard !topics.isEmpty else { return }
        let admin = try? KafkaAdmin(configuration: kafka, logger: logger)
        let existing = Set((try? await admin?.listTopics())?.map(\.name) ?? topics)
        let names = topics.filter(existing.contains)
        guard !names.isEmpty else { return }
        do {
            _ = try await ChildProcess.run(reference, ["delete", "--brokers", servers] + names.flatMap { ["--topic", $0] },
                                           name: "delete", timeout: .seconds(60))
        } catch {
            logger.warning("could not delete \(names): \(error)")
        }
    }

    /// Empties the monitoring service's outputs and changelog (deleted and created again), so that a
    /// fresh consumer group starts from no state and its health records are the only ones there.
    func resetServiceOutputs() async throws {
        let specs = TopicCatalog.outputs(of: .monitoring)
        await delete(specs.map(\.name))
        try await Task.sleep(for: .seconds(1))
        try await MonitoringPublisher(kafka: kafka, logger: logger).createCatalogTopics(specs)
    }

    /// Starts the process(es) of `target`; `output` and `changelog` are the bench's own topics for
    /// the raw pass-throughs and the Python peer.
    func start(_ target: MonitoringTarget, group: String, output: String, changelog: String) throws -> [ChildProcess] {
        switch target {
        case .cRaw:
            return [try ChildProcess(reference, ["raw", "--brokers", servers, "--group", group, "--input", Self.reportsTopic,
                                                 "--output", output, "--poll-records", "500"], name: target.rawValue)]
        case .swiftRaw:
            return [try ChildProcess(bench, ["pass-through", "--bootstrap-servers", servers, "--group", group,
                                             "--input", Self.reportsTopic, "--output", output, "--poll-records", "500"],
                                     name: target.rawValue)]
        case .python:
            return [try ChildProcess(python, [peerScript, "--brokers", servers, "--group", group, "--output", output,
                                              "--changelog", changelog,
                                              "--commit-records", "\(policy.records)",
                                              "--commit-interval-ms", "\(policy.intervalMilliseconds)",
                                              "--poll-records", "\(policy.pollRecords)"] + peerArgs,
                                     name: target.rawValue)]
        case .monitoring1, .monitoring2:
            let count = target == .monitoring1 ? 1 : 2
            return try (1...count).map { instance in
                try ChildProcess(monitoring, [
                    "--bootstrap-servers", servers, "--group-id", group, "--instance-id", "bench-\(instance)",
                    "--http-port", "0", "--http-host", "127.0.0.1", "--kafka-property", "session.timeout.ms=6000",
                    "--log-level", "info",
                ] + monitoringArgs, name: "\(target.rawValue)-\(instance)")
            }
        }
    }

    /// Drains the `reports` preloaded reports with `target`: a read_committed reader of its output
    /// is started, then the process(es); the drain is timed from the first output produced to the
    /// moment the reader has seen an output for every report (outputs of other inputs, such as the
    /// service's health records for baselines, are not counted). With `keep`, the process is left
    /// running (for the latency runs) and returned.
    func drain(_ target: MonitoringTarget, reports: Int, keep: Bool = false) async throws -> (MonitoringDrain, [ChildProcess]) {
        let suffix = UUID().uuidString.prefix(8).lowercased()
        let group = "bench-mon-\(target.rawValue)-\(suffix)"
        let ownTopics = target.isService ? [] : ["bench.mon.\(target.rawValue).\(suffix).out", "bench.mon.\(target.rawValue).\(suffix).changelog"]
        let output = target.isService ? Self.healthTopic : ownTopics[0]
        if target.isService {
            try await resetServiceOutputs()
        } else {
            let admin = try KafkaAdmin(configuration: kafka, logger: logger)
            try await admin.createTopics([NewTopic(name: ownTopics[0], partitions: Int32(TopicCatalog.projectPartitions)),
                                          NewTopic(name: ownTopics[1], partitions: Int32(TopicCatalog.projectPartitions),
                                                   configs: ["cleanup.policy": "compact"])])
        }
        let timeout = max(600, reports / 300)
        let reader = try ChildProcess(reference, ["watch", "--brokers", servers, "--topic", output, "--events", "\(reports)",
                                                  "--timeout-s", "\(timeout)", "--source-topic", Self.reportsTopic], name: "watch")
        guard await reader.waitForValue("ready", timeout: .seconds(60)) != nil else {
            await reader.stop()
            throw ValidationError("the output reader did not start: \(reader.log)")
        }
        let startedMicros = wallClockMicros()
        let processes = try start(target, group: group, output: output, changelog: ownTopics.last ?? "")
        let sampler = CPUSampler(pids: processes.map(\.pid) + [reader.pid] + (brokerPID.map { [$0] } ?? []))
        // Ends when the reader has everything, or when every process under test has died.
        while reader.isRunning {
            if processes.allSatisfy({ !$0.isRunning }) {
                try? await Task.sleep(for: .seconds(2))
                await reader.stop(grace: .seconds(5))
                break
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        sampler.stop()
        let metrics = target.isService ? processes.compactMap { scrapeMetrics($0) } : []
        if !keep {
            for process in processes { await process.stop() }
        }
        await reader.stop()

        let values = reader.values
        let distinct = values["distinct"].flatMap(Int.init) ?? 0
        let firstMicros = (values["first_create_ms"].flatMap(Int64.init) ?? 0) * 1000
        let lastMicros = values["last_visible_us"].flatMap(Int64.init) ?? 0
        var notes: [String] = []
        if distinct < reports { notes.append("INCOMPLETE: \(distinct) of \(reports) outputs") }
        if let duplicates = values["duplicates"].flatMap(Int.init), duplicates > 0 { notes.append("\(duplicates) duplicate outputs") }
        if let other = values["other_source"].flatMap(Int.init), other > 0 { notes.append("\(other) outputs of other inputs") }
        notes += metricNotes(metrics)
        if target == .python {
            let peer = processes[0].values
            if let transactions = peer["transactions"] { notes.append("\(transactions) txns") }
            if let changelog = peer["changelog_records"] { notes.append("\(changelog) changelog records") }
            if let noBaseline = peer["no_baseline"], noBaseline != "0" { notes.append("\(noBaseline) without baseline") }
        }
        for process in processes where !keep {
            if let status = process.exitStatus, status != 0 { notes.append("\(process.name) exit status \(status)") }
        }
        if distinct < reports || processes.contains(where: { ($0.exitStatus ?? 0) != 0 }) {
            for process in processes {
                FileHandle.standardError.write(Data("[bench] \(process.name) log:\n\(process.log.suffix(3000))\n".utf8))
            }
        }
        if !keep, !ownTopics.isEmpty, ProcessInfo.processInfo.environment["PMO_BENCH_KEEP_TOPICS"] != "1" { await delete(ownTopics) }
        let cpu = processes.map { sampler.cpuSeconds($0.pid, from: firstMicros, to: lastMicros) }
        var result = MonitoringDrain(
            target: target, reports: reports, distinct: distinct, seconds: Double(lastMicros - firstMicros) / 1e6,
            processCPU: cpu.contains(where: { $0 == nil }) ? nil : cpu.compactMap { $0 }.reduce(0, +),
            brokerCPU: brokerPID.flatMap { sampler.cpuSeconds($0, from: firstMicros, to: lastMicros) },
            readerCPU: sampler.cpuSeconds(reader.pid, from: firstMicros, to: lastMicros),
            fromStartSeconds: Double(lastMicros - startedMicros) / 1e6, notes: notes)
        result.output = output
        result.ownTopics = ownTopics.isEmpty ? nil : ownTopics
        return (result, keep ? processes : [])
    }

    /// Notes from the service's /metrics: transactions, aborts, dead letters.
    private func metricNotes(_ metrics: [[String: Double]]) -> [String] {
        guard !metrics.isEmpty else { return [] }
        func sum(_ prefix: String, _ contains: String? = nil) -> Double {
            metrics.flatMap { $0 }.filter { $0.key.hasPrefix(prefix) && (contains.map($0.key.contains) ?? true) }.map(\.value).reduce(0, +)
        }
        var notes = ["\(Int(sum("pmo_transactions_total", "committed"))) txns"]
        let changelog = sum("pmo_records_out_total", TopicCatalog.changelogTopicName(for: .monitoring))
        if changelog > 0 { notes.append("\(Int(changelog)) changelog records") }
        let aborted = sum("pmo_transactions_total", "aborted")
        if aborted > 0 { notes.append("\(Int(aborted)) aborted") }
        let dead = sum("pmo_dlq_records_total")
        if dead > 0 { notes.append("\(Int(dead)) dead letters") }
        return notes
    }

    /// A service's Prometheus metrics (`name{labels}` → value), read from its /metrics.
    func scrapeMetrics(_ process: ChildProcess) -> [String: Double]? {
        guard let line = process.log.split(separator: "\n").first(where: { $0.contains("operations endpoint listening") }),
              let address = line.split(separator: " ").first(where: { $0.hasPrefix("http.address=") }),
              let colon = address.lastIndex(of: ":"), let port = Int(address[address.index(after: colon)...]) else { return nil }
        let curl = Process()
        curl.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        curl.arguments = ["curl", "-s", "--max-time", "5", "http://127.0.0.1:\(port)/metrics"]
        let pipe = Pipe()
        curl.standardOutput = pipe
        curl.standardError = FileHandle.nullDevice
        guard (try? curl.run()) != nil else { return nil }
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        curl.waitUntilExit()
        var metrics: [String: Double] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else { continue }
            metrics[String(line[..<space])] = value
        }
        return metrics.isEmpty ? nil : metrics
    }
}
