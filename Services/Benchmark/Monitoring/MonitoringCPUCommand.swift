import ArgumentParser
import Foundation
import Monitoring
import PMOModel
import ServiceRuntime

/// `pmo-bench monitoring-cpu`: the monitoring service's own work per status report, in one
/// process, without a broker: the same workload as `pmo-bench monitoring`, each report decoded
/// from its record (headers and JSON value, as the runtime does), handled by
/// ``MonitoringProcessor`` (after each project's charter and baseline), its outputs encoded with
/// their envelopes (those to the coalesced register, as the runtime holds them, the latest per
/// project once per transaction), and each changed project's state encoded once per transaction
/// of `--commit-records` reports (the runtime's default policy). Prints the CPU time of each step
/// per report. What Kafka adds is measured by `pmo-bench monitoring`; this is the part a profile
/// of the service should shrink, and it runs under `perf record` or `valgrind --tool=callgrind`
/// without a broker.
struct MonitoringCPUCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "monitoring-cpu",
        abstract: "Measures pmo-monitoring's own work per status report in-process (decode, handle, encode, state).")

    @Option(help: "Projects (PRJ-2026-000 on; at most 1000).")
    var projects = 1000

    @Option(help: "Status reports (weekly, the same number for every project).")
    var reports = 50_000

    @Option(help: "Seed of the workload.")
    var seed: UInt64 = 2026

    @Option(help: "Folder of the contract examples (the policy and roster start from them).")
    var examples = "schemas/examples"

    @Option(help: "Reports per transaction: each project's state is encoded once per transaction it changed in.")
    var commitRecords = 5000

    @Option(help: "Times the whole stream is run (the first run warms up; the figures are the best run's).")
    var repeats = 3

    func validate() throws {
        guard projects > 0, projects <= 1000, reports >= projects, commitRecords > 0, repeats > 0 else {
            throw ValidationError("1 to 1000 projects, at least one report per project, positive commit records and repeats")
        }
    }

    func run() throws {
        let workload = try MonitoringWorkload(seed: seed, projects: projects, examples: URL(fileURLWithPath: examples))
        let weeks = reports / projects
        let registry = EventRegistry.standard
        let processor = MonitoringProcessor()
        let time = Date(timeIntervalSince1970: 1_790_000_000)

        func record(_ event: some PMOEvent, id: String) throws -> EventRecord {
            try registry.encode(event, id: id, source: MonitoringWorkload.source, time: time)
        }
        var reference = processor.initialReference
        for event in [try record(workload.policy, id: "policy"), try record(workload.roster, id: "roster")]
            + (try workload.profiles.map { try record(workload.charter($0), id: "\($0.projectId)/charter") }) {
            processor.apply(reference: try registry.decode(record: event), to: &reference)
        }
        // The charters and baselines, as the service reads them before the reports.
        let projectEvents = try workload.profiles.map { try record(workload.charter($0), id: "\($0.projectId)/charter") }
            + workload.profiles.map { try record(workload.baseline($0), id: "\($0.projectId)/baseline") }
        var stream: [EventRecord] = []
        stream.reserveCapacity(weeks * projects)
        for week in 1...weeks {
            for p in workload.profiles {
                stream.append(try record(workload.report(p, week: week), id: "\(p.projectId)/report/w\(week)"))
            }
        }
        print("monitoring-cpu: \(projects) projects, \(stream.count) reports, a transaction every \(commitRecords) reports, "
              + "\(ProcessInfo.processInfo.activeProcessorCount) cores; best of \(repeats) runs")

        let coalesced = processor.coalescedTopics
        var best: StepTimes?
        for _ in 0..<repeats {
            var times = StepTimes()
            var states: [String: KeyedState<MonitoringState>] = [:]
            // The charters and baselines first, as the service sees them before the reports (not timed).
            for event in projectEvents {
                let decoded = try registry.decode(record: event)
                let key = decoded.attributes.subject
                let context = ProcessingContext(key: key, now: time, reference: reference)
                let state = states[key]?.state
                states[key, default: KeyedState(state: nil)].state = processor.handle(decoded, state: state, context: context).state
            }
            // As the runtime does, outputs to coalesced topics (the register) are checked at once
            // and encoded at the commit, the latest per key and topic.
            var held: [String: (emission: Emission, id: String)] = [:]
            var changed = Set<String>()
            for (index, input) in stream.enumerated() {
                let clock = ContinuousClock()
                var start = clock.now
                let decoded = try registry.decode(record: input)
                times.decode += clock.now - start
                let key = decoded.attributes.subject
                start = clock.now
                let context = ProcessingContext(key: key, now: time, reference: reference)
                // As the runtime does: a key changed earlier in the transaction has its state moved
                // into the handler; its first input in a transaction gets a copy.
                var entry = (changed.contains(key) ? states.removeValue(forKey: key) : states[key]) ?? KeyedState(state: nil)
                var outcome = processor.handle(decoded, state: entry.state.take(), context: context)
                times.handle += clock.now - start
                start = clock.now
                for (n, emission) in outcome.emissions.enumerated() {
                    let id = emission.id ?? "in/\(index)/\(n)"
                    if let topic = processor.topic(for: type(of: emission.event).eventType), coalesced.contains(topic) {
                        try registry.check(emission.event)
                        held["\(topic)/\(key)"] = (emission, id)
                        continue
                    }
                    let encoded = try registry.encodeAny(emission.event, id: id, source: processor.source, time: time)
                    times.outputBytes += encoded.value.count
                    times.outputs += 1
                }
                times.encodeOutputs += clock.now - start
                start = clock.now
                entry.state = outcome.state.take()
                entry.applied.insert(DeduplicationWindow.fingerprint(source: decoded.attributes.source, id: decoded.attributes.id))
                states[key] = entry
                changed.insert(key)
                if (index + 1) % commitRecords == 0 || index == stream.count - 1 {
                    times.encodeState += clock.now - start
                    start = clock.now
                    for (emission, id) in held.values {
                        let encoded = try registry.encodeAny(emission.event, id: id, source: processor.source, time: time)
                        times.outputBytes += encoded.value.count
                        times.outputs += 1
                    }
                    held.removeAll(keepingCapacity: true)
                    times.encodeOutputs += clock.now - start
                    start = clock.now
                    for key in changed {
                        // Encoded where it is, as the service's store encodes it: `states[key]!`
                        // would copy the state first, every field retained.
                        times.stateBytes += try states.values[states.index(forKey: key)!].changelogValue().count
                        times.stateRecords += 1
                    }
                    changed.removeAll(keepingCapacity: true)
                }
                times.encodeState += clock.now - start
            }
            times.reports = stream.count
            if best == nil || times.total < best!.total { best = times }
        }
        print(best!.table)
    }
}

/// The CPU time of each step of the monitoring benchmark's in-process run.
struct StepTimes {
    var decode = Duration.zero
    var handle = Duration.zero
    var encodeOutputs = Duration.zero
    var encodeState = Duration.zero
    var reports = 0
    var outputs = 0
    var outputBytes = 0
    var stateRecords = 0
    var stateBytes = 0

    var total: Duration { decode + handle + encodeOutputs + encodeState }

    /// The figures as a table: µs per report of each step, and reports/s on one core.
    var table: String {
        func micros(_ d: Duration) -> Double {
            (Double(d.components.seconds) * 1e6 + Double(d.components.attoseconds) / 1e12) / Double(max(reports, 1))
        }
        let rows: [(String, Duration)] = [
            ("decode the report (envelope, JSON, contract rules)", decode),
            ("handle (MonitoringProcessor)", handle),
            ("encode the outputs (envelope, JSON, contract rules)", encodeOutputs),
            ("encode the changed states (once per transaction)", encodeState),
            ("total", total),
        ]
        var lines = ["| step | µs/report |", "|---|---|"]
        for (name, duration) in rows {
            lines.append(String(format: "| %@ | %.1f |", name, micros(duration)))
        }
        lines.append(String(format: "\n%.0f reports/s on one core; %.2f outputs per report, %.0f bytes each; %d state records, %.0f bytes each",
                            1e6 / micros(total), Double(outputs) / Double(max(reports, 1)),
                            Double(outputBytes) / Double(max(outputs, 1)), stateRecords,
                            Double(stateBytes) / Double(max(stateRecords, 1))))
        return lines.joined(separator: "\n")
    }
}
