import ArgumentParser
import Foundation
import Kafka
import Logging
import PMOModel
#if canImport(Glibc)
import Glibc
#endif

// Drains: how fast each process works off preloaded input.
extension Bench {
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
                func callSeconds(_ call: String) -> Double {
                    metrics.filter { $0.key.hasPrefix("pmo_transaction_call_seconds_sum") && $0.key.contains("call=\"\(call)\"") }
                        .values.reduce(0, +)
                }
                notes.append(String(format: "flush %.3f s + send_offsets %.3f s + commit %.3f s",
                                    callSeconds("flush_and_write_changelog"), callSeconds("send_offsets"), callSeconds("commit")))
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
}
