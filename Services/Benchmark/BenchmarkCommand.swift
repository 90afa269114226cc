import ArgumentParser
import Foundation
import Kafka
import Logging
import PMOModel

/// `pmo-bench`: measures the runtime next to a C reference on librdkafka, on one broker, in one
/// run, and prints the figures (see docs/benchmark.md). It prints; it asserts nothing.
@main
struct BenchmarkCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pmo-bench",
        abstract: "Benchmarks the PMO service runtime against a C reference on the same broker.",
        subcommands: [BenchmarkRun.self, PassThroughCommand.self, MonitoringCommand.self, MonitoringCPUCommand.self],
        defaultSubcommand: BenchmarkRun.self)
}

/// The benchmark itself (the default subcommand).
///
/// 1. Drains: for each process under test (C raw and exactly-once pass-through, the Swift raw
///    pass-through, the Swift runtime's test counter) a fresh input topic is preloaded by the C
///    loader, then the process is started and the time from its first output to the moment a
///    read_committed reader has seen an output for every input is measured, with the CPU seconds
///    of the process, of the broker and of the reader in that interval.
/// 2. Latency: publish→output p50/p99 at steady rates, the driver publishing and reading.
/// 3. Restore: the time the counter takes to restore the state of 100,000 keys.
/// 4. The ratios Swift/C against the targets of the runtime-throughput issue.
struct BenchmarkRun: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Runs the benchmark and prints the figures (the default).")

    @Option(help: "Kafka bootstrap servers (env: KAFKA_BOOTSTRAP_SERVERS).")
    var bootstrapServers = ProcessInfo.processInfo.environment["KAFKA_BOOTSTRAP_SERVERS"] ?? "127.0.0.1:9092"

    @Option(help: "Events preloaded for each drain.")
    var events = 200_000

    @Option(help: "How many times each drain is run (in turns: every drain once, then again); ratios use the medians.")
    var repeats = 1

    @Option(help: "Steady rate of a latency run, events/s (repeatable; default 500 and 5000).")
    var rate: [Int] = []

    @Option(help: "Seconds of each latency run.")
    var seconds = 10

    @Option(help: "Keys whose state is restored in the restore run.")
    var restoreKeys = 100_000

    @Option(help: "Distinct keys in the drains and latency runs.")
    var keys = 1000

    @Option(help: "What to run, comma-separated: drain, latency, restore.")
    var runs = "drain,latency,restore"

    @Option(help: "Drains to run, comma-separated: \(Target.allCases.map(\.rawValue).joined(separator: ", ")).")
    var drains = Target.allCases.map(\.rawValue).joined(separator: ",")

    @Option(help: "Latency runs, comma-separated (same names as --drains).")
    var latency = [Target.cRaw, .cExactlyOnce, .swiftRaw, .swiftExactlyOnce].map(\.rawValue).joined(separator: ",")

    @Option(help: "The broker's process id, for its CPU time (scripts/bench.sh passes the embedded broker's).")
    var brokerPid: Int32?

    @Option(help: "The C reference executable (default: pmo-bench-ref beside pmo-bench).")
    var reference: String?

    @Option(name: .customLong("counter-arg"), parsing: .unconditionalSingleValue,
            help: "An argument for pmo-test-counter, e.g. --counter-arg=--commit-records=5000 (repeatable).")
    var counterArgs: [String] = []

    @Option(name: .customLong("reference-arg"), parsing: .unconditionalSingleValue,
            help: "An argument for the C reference's raw and eos modes, e.g. --reference-arg=--commit-records=500 (repeatable).")
    var referenceArgs: [String] = []

    @Option(help: "Record a perf profile (perf record) of the --perf-target drain's process into this file.")
    var perfOutput: String?

    @Option(help: "The drain whose process --perf-output profiles.")
    var perfTarget = Target.swiftExactlyOnce.rawValue

    @Option(help: "perf's call-graph mode for --perf-output: fp, dwarf or lbr.")
    var perfCallGraph = "fp"

    func validate() throws {
        let known = Set(Target.allCases.map(\.rawValue))
        for name in list(drains) + list(latency) + [perfTarget] where !known.contains(name) {
            throw ValidationError("unknown run \(name); known: \(known.sorted().joined(separator: ", "))")
        }
        for name in list(runs) where !["drain", "latency", "restore"].contains(name) {
            throw ValidationError("--runs takes drain, latency and restore")
        }
        guard events > 0, keys > 0, seconds > 0, repeats > 0, rate.allSatisfy({ $0 > 0 }) else {
            throw ValidationError("counts, rates and durations must be positive")
        }
    }

    func run() async throws {
        Librdkafka.requireSupportedVersion()
        var logger = Logger(label: "pmo-bench") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = .warning
        let binDirectory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let tools = Tools(
            bench: binDirectory.appendingPathComponent("pmo-bench"),
            counter: binDirectory.appendingPathComponent("pmo-test-counter"),
            reference: reference.map { URL(fileURLWithPath: $0) } ?? binDirectory.appendingPathComponent("pmo-bench-ref"))
        let policy = try CommitPolicy.of(counter: tools.counter, counterArgs: counterArgs)
        let bench = Bench(kafka: KafkaConfiguration(bootstrapServers: bootstrapServers), keys: keys, tools: tools,
                          policy: policy, counterArgs: counterArgs, referenceArgs: referenceArgs,
                          brokerPID: brokerPid, logger: logger)
        let rates = rate.isEmpty ? [500, 5000] : rate
        let cores = ProcessInfo.processInfo.activeProcessorCount
        print("PMO runtime benchmark: \(bootstrapServers), librdkafka \(Librdkafka.versionString), \(cores) cores, "
              + "broker pid \(brokerPid.map(String.init) ?? "unknown (no broker CPU)")")
        print("Commit policy of the Swift runtime, used by the C exactly-once reference: \(policy.description)")
        print("")

        var drainResults: [DrainResult] = []
        if list(runs).contains("drain") {
            for round in 1...repeats {
                for target in list(drains).compactMap(Target.init(rawValue:)) {
                    progress("drain: \(target.title), \(events) events" + (repeats > 1 ? ", run \(round) of \(repeats)" : ""))
                    let perf = target.rawValue == perfTarget && round == 1
                        ? perfOutput.map { PerfRequest(output: $0, callGraph: perfCallGraph) } : nil
                    var result = try await bench.drain(target, events: events, perf: perf)
                    result.round = repeats > 1 ? round : nil
                    progress("  \(result.summary)")
                    drainResults.append(result)
                }
            }
            printDrains(drainResults)
        }

        var latencyResults: [(Target, [(Int, LatencyRecorder)])] = []
        if list(runs).contains("latency") {
            for target in list(latency).compactMap(Target.init(rawValue:)) {
                progress("latency: \(target.title) at \(rates.map(String.init).joined(separator: ", ")) events/s, \(seconds) s each")
                latencyResults.append((target, try await bench.latencyRuns(target, rates: rates, seconds: seconds)))
            }
            printLatency(latencyResults, seconds: seconds)
        }

        if list(runs).contains("restore") {
            progress("restore: \(restoreKeys) keys")
            let restore = try await bench.restoreRun(keys: restoreKeys)
            print(String(format: "Restore of %d keys by pmo-test-counter: %.2f s in the runtime (%.0f keys/s), %.2f s from process start to restored",
                         restoreKeys, restore.restoreSeconds, Double(restoreKeys) / restore.restoreSeconds, restore.readySeconds))
            print("")
        }
        printRatios(drainResults, latencyResults)
    }

    private func list(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    private func progress(_ text: String) {
        FileHandle.standardError.write(Data("[bench] \(text)\n".utf8))
    }

    // MARK: Tables

    private func printDrains(_ results: [DrainResult]) {
        guard !results.isEmpty else { return }
        print("Drain of \(events) preloaded events (\(keys) keys, 6 partitions), timed from the first output produced "
              + "to the last output visible to a read_committed reader; CPU seconds in that interval")
        let header = ["run", "events/s", "drain s", "CPU s", "µs/rec", "broker s", "µs/rec", "reader s", "notes"]
        var rows: [[String]] = []
        for result in results {
            rows.append([
                result.target.title + (result.round.map { " #\($0)" } ?? ""),
                format(result.eventsPerSecond, "%.0f"),
                format(result.seconds, "%.2f"),
                format(result.processCPU, "%.2f"),
                format(result.processCPU.map { $0 / Double(result.distinct) * 1e6 }, "%.1f"),
                format(result.brokerCPU, "%.2f"),
                format(result.brokerCPU.map { $0 / Double(result.distinct) * 1e6 }, "%.1f"),
                format(result.readerCPU, "%.2f"),
                result.notes,
            ])
        }
        printTable(header, rows, leftAligned: [0, 8])
        print("")
    }

    private func printLatency(_ results: [(Target, [(Int, LatencyRecorder)])], seconds: Int) {
        guard !results.isEmpty else { return }
        print("Latency from publish (before produce) to output seen by a read_committed reader, at steady rates for \(seconds) s each")
        let header = ["run", "rate/s", "sent/s", "out/s", "outputs", "p50 ms", "p99 ms", "max ms", "notes"]
        var rows: [[String]] = []
        for (target, runs) in results {
            for (rate, recorder) in runs {
                var notes: [String] = []
                if recorder.outstanding > 0 { notes.append("\(recorder.outstanding) missing") }
                if recorder.unmatched > 0 { notes.append("\(recorder.unmatched) unmatched outputs") }
                if recorder.extraInputs > 0 { notes.append("\(recorder.extraInputs) inputs stored twice") }
                // Below the published rate (5 % margin): the process fell behind, latency grew with the backlog.
                if recorder.outputRate < 0.95 * recorder.publishedRate { notes.append("fell behind") }
                rows.append([
                    target.title, "\(rate)", format(recorder.publishedRate, "%.0f"), format(recorder.outputRate, "%.0f"),
                    "\(recorder.count)", format(recorder.percentile(50), "%.1f"), format(recorder.percentile(99), "%.1f"),
                    format(recorder.maximum, "%.1f"), notes.joined(separator: "; "),
                ])
            }
        }
        printTable(header, rows, leftAligned: [0, 8])
        print("")
    }

    private func printRatios(_ drains: [DrainResult], _ latency: [(Target, [(Int, LatencyRecorder)])]) {
        /// The target's complete drains: median throughput and median CPU per record.
        func drain(_ target: Target) -> (rate: Double, cpu: Double?)? {
            let runs = drains.filter { $0.target == target && $0.complete }
            guard !runs.isEmpty else { return nil }
            let cpu = runs.compactMap { run in run.processCPU.map { $0 / Double(run.distinct) } }
            return (median(runs.map(\.eventsPerSecond)), cpu.isEmpty ? nil : median(cpu))
        }
        var rows: [[String]] = []
        func ratio(_ name: String, _ swift: Target, _ c: Target, target: String) {
            guard let s = drain(swift), let r = drain(c) else { return }
            rows.append([name, String(format: "%.0f / %.0f events/s", s.rate, r.rate),
                         String(format: "%.0f %%", 100 * s.rate / r.rate), target])
            if let sc = s.cpu, let rc = r.cpu, rc > 0 {
                rows.append(["  CPU per record, Swift / C", String(format: "%.1f / %.1f µs", sc * 1e6, rc * 1e6),
                             String(format: "%.1f×", sc / rc), ""])
            }
        }
        ratio("exactly-once drain, Swift EOS / C EOS (changelog per input)", .swiftExactlyOnce, .cExactlyOnce, target: "≥ 50 %")
        ratio("raw drain, Swift raw / C raw", .swiftRaw, .cRaw, target: "≥ 60 %")
        if let runs = latency.first(where: { $0.0 == .swiftExactlyOnce })?.1,
           let (rate, recorder) = runs.first(where: { $0.0 == 5000 }) ?? runs.max(by: { $0.0 < $1.0 }) {
            rows.append(["p99 publish→output at \(rate)/s, Swift EOS", "", format(recorder.percentile(99), "%.1f ms"),
                         rate == 5000 ? "≤ 250 ms" : "≤ 250 ms (at 5000/s)"])
            if let c = latency.first(where: { $0.0 == .cExactlyOnce })?.1.first(where: { $0.0 == rate })?.1 {
                rows.append(["  C EOS at the same rate", "", format(c.percentile(99), "%.1f ms"), ""])
            }
        }
        guard !rows.isEmpty else { return }
        print("Swift / C, same broker, same run" + (repeats > 1 ? " (medians of \(repeats) drains)" : ""))
        printTable(["figure", "Swift / C", "measured", "target"], rows, leftAligned: [0, 1, 3])
    }

    private func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }

    private func format(_ value: Double?, _ pattern: String) -> String {
        guard let value, value.isFinite else { return "n/a" }
        return String(format: pattern, value)
    }

    private func printTable(_ header: [String], _ rows: [[String]], leftAligned: Set<Int>) {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        for (index, row) in all.enumerated() {
            let cells = row.indices.map { column in
                leftAligned.contains(column) ? row[column].rightPadded(widths[column]) : row[column].leftPadded(widths[column])
            }
            print(cells.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression))
            if index == 0 {
                print(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "))
            }
        }
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }

    func rightPadded(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
