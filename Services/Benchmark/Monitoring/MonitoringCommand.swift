import ArgumentParser
import Foundation
import Kafka
import Logging
import PMOModel

/// `pmo-bench monitoring`: the monitoring benchmark (issue 11). Preloads a deterministic stream
/// for 1,000 projects (policy, roster, charters, baselines, then weekly status reports), then
/// drains it with the Python peer, the C and Swift raw pass-throughs, and pmo-monitoring with two
/// instances and with one, and measures publish→health latency at steady rates through one
/// instance; prints the figures and the ratios. It prints; it asserts nothing.
struct MonitoringCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "monitoring",
        abstract: "Benchmarks pmo-monitoring against a Python peer and the raw pass-through on a preloaded report stream.")

    @Option(help: "Kafka bootstrap servers (env: KAFKA_BOOTSTRAP_SERVERS).")
    var bootstrapServers = ProcessInfo.processInfo.environment["KAFKA_BOOTSTRAP_SERVERS"] ?? "127.0.0.1:9092"

    @Option(help: "Projects (PRJ-2026-000 on; at most 1000).")
    var projects = 1000

    @Option(help: "Status reports preloaded (weekly, the same number for every project).")
    var reports = 200_000

    @Option(help: "Seed of the workload.")
    var seed: UInt64 = 2026

    @Option(help: "Folder of the contract examples (the policy and roster start from them).")
    var examples = "schemas/examples"

    @Option(help: "Drains, comma-separated, in this order: \(MonitoringTarget.allCases.map(\.rawValue).joined(separator: ", ")).")
    var drains = MonitoringTarget.allCases.map(\.rawValue).joined(separator: ",")

    @Option(help: "Latency runs after the drains, comma-separated: monitoring-1, python (none: empty).")
    var latency = "\(MonitoringTarget.monitoring1.rawValue),\(MonitoringTarget.python.rawValue)"

    @Option(help: "Steady rate of a latency run, reports/s (repeatable; default 1000 and 5000).")
    var rate: [Int] = []

    @Option(help: "Seconds of each latency run.")
    var seconds = 10

    @Option(help: "The broker's process id, for its CPU time.")
    var brokerPid: Int32?

    @Option(help: "The C reference executable (default: pmo-bench-ref beside pmo-bench).")
    var reference: String?

    @Option(help: "The pmo-monitoring executable (default: beside pmo-bench).")
    var monitoring: String?

    @Option(help: "The Python interpreter with confluent-kafka and orjson.")
    var python = ".venv/bin/python"

    @Option(help: "The Python peer.")
    var peer = "Benchmarks/python/monitoring_peer.py"

    @Option(name: .customLong("monitoring-arg"), parsing: .unconditionalSingleValue,
            help: "An argument for pmo-monitoring, e.g. --monitoring-arg=--commit-records=5000 (repeatable).")
    var monitoringArgs: [String] = []

    @Option(name: .customLong("peer-arg"), parsing: .unconditionalSingleValue, help: "An argument for the Python peer (repeatable).")
    var peerArgs: [String] = []

    @Flag(help: "Print the policy, the roster, project 0's charter and baseline and its first two reports as JSON, and stop.")
    var printSample = false

    func validate() throws {
        let known = Set(MonitoringTarget.allCases.map(\.rawValue))
        for name in list(drains) + list(latency) where !known.contains(name) {
            throw ValidationError("unknown drain \(name); known: \(known.sorted().joined(separator: ", "))")
        }
        guard projects > 0, projects <= 1000, reports >= projects, seconds > 0, rate.allSatisfy({ $0 > 0 }) else {
            throw ValidationError("1 to 1000 projects, at least one report per project, positive rates and durations")
        }
    }

    func run() async throws {
        Librdkafka.requireSupportedVersion()
        var logger = Logger(label: "pmo-bench.monitoring") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = .warning
        let workload = try MonitoringWorkload(seed: seed, projects: projects, examples: URL(fileURLWithPath: examples))
        let weeks = reports / projects
        if printSample {
            try printSampleEvents(workload)
            return
        }
        let binDirectory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let monitoringURL = monitoring.map { URL(fileURLWithPath: $0) } ?? binDirectory.appendingPathComponent("pmo-monitoring")
        let serviceBuilt = FileManager.default.isExecutableFile(atPath: monitoringURL.path)
        let counterURL = binDirectory.appendingPathComponent("pmo-test-counter")
        // The runtime's commit policy (what pmo-monitoring --help shows), which the Python peer uses too.
        let policy = try CommitPolicy.of(counter: serviceBuilt ? monitoringURL : counterURL, counterArgs: monitoringArgs)
        let kafka = KafkaConfiguration(bootstrapServers: bootstrapServers)
        let bench = MonitoringBench(
            kafka: kafka, reference: reference.map { URL(fileURLWithPath: $0) } ?? binDirectory.appendingPathComponent("pmo-bench-ref"),
            bench: binDirectory.appendingPathComponent("pmo-bench"), monitoring: monitoringURL,
            python: URL(fileURLWithPath: python), peerScript: peer, policy: policy, monitoringArgs: monitoringArgs, peerArgs: peerArgs,
            brokerPID: brokerPid, logger: logger)
        let rates = rate.isEmpty ? [1000, 5000] : rate
        let cores = ProcessInfo.processInfo.activeProcessorCount
        print("PMO monitoring benchmark: \(bootstrapServers), librdkafka \(Librdkafka.versionString), \(cores) cores, "
              + "broker pid \(brokerPid.map(String.init) ?? "unknown (no broker CPU)")")
        print("Workload: seed \(seed), \(projects) projects, \(weeks) weekly reports each (\(weeks * projects) reports)")
        print("Commit policy of the runtime, used by the Python peer too: \(policy.description)")

        let publisher = MonitoringPublisher(kafka: kafka, logger: logger)
        try await publisher.createCatalogTopics()
        progress("preloading \(weeks * projects) reports of \(projects) projects")
        let loaded = try await publisher.preload(workload, weeks: weeks, progress: progress)
        print(String(format: "Preloaded %d reference events and %d reports in %.1f s (%.0f reports/s; %.1f s of it building, validating and encoding)",
                     loaded.reference, loaded.reports, loaded.seconds, Double(loaded.reports) / loaded.seconds, loaded.encodeSeconds))
        print("")

        var results: [MonitoringDrain] = []
        var skipped: [String] = []
        func available(_ target: MonitoringTarget, _ run: String = "drain") -> Bool {
            if target.isService && !serviceBuilt {
                skipped.append("\(run) of \(target.title): \(monitoringURL.path) does not exist (the service is not built)")
                return false
            }
            if target == .python && !FileManager.default.isExecutableFile(atPath: python) {
                skipped.append("\(run) of \(target.title): \(python) does not exist")
                return false
            }
            return true
        }
        for target in list(drains).compactMap(MonitoringTarget.init(rawValue:)) where available(target) {
            progress("drain: \(target.title), \(loaded.reports) reports")
            let (result, _) = try await bench.drain(target, reports: loaded.reports)
            progress(String(format: "  %.0f reports/s, %.2f s; %@", result.reportsPerSecond, result.seconds, result.notes.joined(separator: "; ")))
            results.append(result)
        }
        // Latency: each process started afresh, caught up with everything in the topic (not
        // measured), then fed new weeks of reports at each steady rate.
        var latencyRuns: [(MonitoringTarget, [(Int, LatencyRecorder)])] = []
        var published = loaded.reports
        var week = weeks + 1
        for target in list(latency).compactMap(MonitoringTarget.init(rawValue:)) where available(target, "latency") {
            progress("latency: \(target.title), catching up with \(published) reports first")
            let (catchUp, running) = try await bench.drain(target, reports: published, keep: true)
            guard catchUp.complete else {
                skipped.append("latency of \(target.title): it did not catch up (\(catchUp.notes.joined(separator: "; ")))")
                for process in running { await process.stop() }
                continue
            }
            var runs: [(Int, LatencyRecorder)] = []
            for rate in rates {
                progress("latency: \(target.title) at \(rate) reports/s for \(seconds) s")
                runs.append((rate, try await bench.latency(workload, firstWeek: week, rate: rate, seconds: seconds,
                                                           output: catchUp.output)))
                week += (rate * seconds + projects - 1) / projects
                published += (rate * seconds + projects - 1) / projects * projects
            }
            for process in running { await process.stop() }
            if let topics = catchUp.ownTopics { await bench.delete(topics) }
            latencyRuns.append((target, runs))
        }
        printDrains(results, reports: loaded.reports)
        printLatency(latencyRuns)
        printRatios(results, latencyRuns)
        for note in skipped { print("Not run: \(note)") }
    }

    private func printSampleEvents(_ workload: MonitoringWorkload) throws {
        let p = workload.profiles[0]
        let events: [any PMOEvent] = [workload.policy, workload.roster, workload.charter(p), workload.baseline(p),
                                      workload.report(p, week: 1), workload.report(p, week: 2)]
        for event in events {
            let violations = event.validate()
            guard violations.isEmpty else { throw WorkloadError("invalid \(type(of: event).eventType): \(violations)") }
            print(String(decoding: try event.jsonData(), as: UTF8.self))
        }
    }

    private func list(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    private func progress(_ text: String) {
        FileHandle.standardError.write(Data("[bench] \(text)\n".utf8))
    }

    // MARK: Tables

    private func printDrains(_ results: [MonitoringDrain], reports: Int) {
        guard !results.isEmpty else { return }
        print("Drain of \(reports) preloaded status reports (\(projects) projects, 6 partitions), timed from the first output produced "
              + "to the last output (one per report) visible to a read_committed reader; CPU seconds in that interval")
        let header = ["run", "reports/s", "drain s", "from start s", "CPU s", "µs/report", "broker s", "reader s", "notes"]
        let rows = results.map { r in
            [r.target.title, format(r.reportsPerSecond, "%.0f"), format(r.seconds, "%.2f"), format(r.fromStartSeconds, "%.2f"),
             format(r.processCPU, "%.2f"), format(r.processCPU.map { $0 / Double(max(1, r.distinct)) * 1e6 }, "%.1f"),
             format(r.brokerCPU, "%.2f"), format(r.readerCPU, "%.2f"), r.notes.joined(separator: "; ")]
        }
        printBenchTable(header, rows, leftAligned: [0, 8])
        print("")
    }

    private func printLatency(_ results: [(MonitoringTarget, [(Int, LatencyRecorder)])]) {
        guard !results.isEmpty else { return }
        print("Latency from publishing a report (before produce) to its health record seen by a read_committed reader, "
              + "\(seconds) s at each rate, the process caught up with the preloaded stream first")
        let header = ["run", "rate/s", "sent/s", "out/s", "health records", "p50 ms", "p99 ms", "max ms", "notes"]
        let rows = results.flatMap { target, runs in runs.map { rate, recorder in
            var notes: [String] = []
            if recorder.outstanding > 0 { notes.append("\(recorder.outstanding) missing") }
            if recorder.unmatched > 0 { notes.append("\(recorder.unmatched) unmatched") }
            if recorder.outputRate < 0.95 * recorder.publishedRate { notes.append("fell behind") }
            return [target.title, "\(rate)", format(recorder.publishedRate, "%.0f"), format(recorder.outputRate, "%.0f"),
                    "\(recorder.count)", format(recorder.percentile(50), "%.1f"), format(recorder.percentile(99), "%.1f"),
                    format(recorder.maximum, "%.1f"), notes.joined(separator: "; ")]
        } }
        printBenchTable(header, rows, leftAligned: [0, 8])
        print("")
    }

    private func printRatios(_ results: [MonitoringDrain], _ latency: [(MonitoringTarget, [(Int, LatencyRecorder)])]) {
        func drain(_ target: MonitoringTarget) -> MonitoringDrain? { results.first { $0.target == target && $0.complete } }
        var rows: [[String]] = []
        func ratio(_ name: String, _ a: MonitoringTarget, _ b: MonitoringTarget) {
            guard let x = drain(a), let y = drain(b) else { return }
            var cpu = ""
            if let xc = x.processCPU, let yc = y.processCPU, yc > 0 {
                cpu = String(format: "%.1f / %.1f µs per report", xc / Double(x.distinct) * 1e6, yc / Double(y.distinct) * 1e6)
            }
            rows.append([name, String(format: "%.0f / %.0f reports/s", x.reportsPerSecond, y.reportsPerSecond),
                         String(format: "%.2f×", x.reportsPerSecond / y.reportsPerSecond), cpu])
        }
        ratio("1 instance / Python peer", .monitoring1, .python)
        ratio("2 instances / 1 instance", .monitoring2, .monitoring1)
        ratio("1 instance / Swift raw pass-through", .monitoring1, .swiftRaw)
        ratio("1 instance / C raw pass-through", .monitoring1, .cRaw)
        ratio("Python peer / C raw pass-through", .python, .cRaw)
        ratio("Swift raw / C raw pass-through", .swiftRaw, .cRaw)
        if let one = drain(.monitoring1) {
            rows.append(["1 instance against the issue's bar", String(format: "%.0f reports/s", one.reportsPerSecond),
                         one.reportsPerSecond > 27_000 ? "above 27,000" : "not above 27,000",
                         "bar: > 27,000 reports/s (the issue's Python figure, not measured here)"])
        }
        guard !rows.isEmpty else { return }
        print("Ratios, same broker, same run")
        printBenchTable(["figure", "measured", "ratio", "CPU"], rows, leftAligned: [0, 1, 3])
        print("")
    }

    private func format(_ value: Double?, _ pattern: String) -> String {
        guard let value, value.isFinite else { return "n/a" }
        return String(format: pattern, value)
    }
}

/// Prints a table with aligned columns under a rule.
func printBenchTable(_ header: [String], _ rows: [[String]], leftAligned: Set<Int>) {
    let all = [header] + rows
    let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
    for (index, row) in all.enumerated() {
        let cells = row.indices.map { column in
            leftAligned.contains(column) ? row[column].rightPadded(widths[column]) : row[column].leftPadded(widths[column])
        }
        print(cells.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression))
        if index == 0 { print(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")) }
    }
}
