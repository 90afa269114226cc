import ArgumentParser
import Foundation
import Kafka
import Logging
import PMOModel

/// `pmo-bench`: measures the runtime on a running broker and prints the figures.
///
/// 1. The test counter (`pmo-test-counter`, started as a separate process) with exactly-once on:
///    throughput of a burst, and end-to-end latency at a steady rate below saturation.
/// 2. The same through a raw librdkafka pass-through (consume and produce, no transactions, no
///    state) in this process: the ceiling.
/// 3. The time the counter takes to restore the state of 100,000 keys from its changelog.
@main
struct BenchmarkCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pmo-bench", abstract: "Benchmarks the PMO service runtime against a broker.")

    @Option(help: "Kafka bootstrap servers (env: KAFKA_BOOTSTRAP_SERVERS).")
    var bootstrapServers = ProcessInfo.processInfo.environment["KAFKA_BOOTSTRAP_SERVERS"] ?? "127.0.0.1:9092"

    @Option(help: "Events in the throughput burst.")
    var events = 20_000

    @Option(help: "Events per second in the latency run.")
    var rate = 500

    @Option(help: "Seconds of the latency run.")
    var seconds = 10

    @Option(help: "Keys whose state is restored in the restore run.")
    var restoreKeys = 100_000

    @Option(help: "Distinct keys in the event runs.")
    var keys = 1000

    func run() async throws {
        Librdkafka.requireSupportedVersion()
        var logger = Logger(label: "pmo-bench") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = .warning
        let bench = Bench(kafka: KafkaConfiguration(bootstrapServers: bootstrapServers), keys: keys, logger: logger)
        print("PMO runtime benchmark: \(bootstrapServers), librdkafka \(Librdkafka.versionString), \(ProcessInfo.processInfo.activeProcessorCount) cores")

        let exactlyOnceBurst = try await bench.counterRun(events: events, rate: nil)
        let exactlyOnceSteady = try await bench.counterRun(events: rate * seconds, rate: rate)
        let rawBurst = try await bench.passThroughRun(events: events, rate: nil)
        let rawSteady = try await bench.passThroughRun(events: rate * seconds, rate: rate)

        print("")
        print(row("run", "events/s", "p50 ms", "p99 ms"))
        print(row("exactly-once burst (\(events))", exactlyOnceBurst))
        print(row("exactly-once at \(rate)/s", exactlyOnceSteady))
        print(row("raw pass-through burst (\(events))", rawBurst))
        print(row("raw pass-through at \(rate)/s", rawSteady))
        print(String(format: "exactly-once / raw throughput: %.2f", exactlyOnceBurst.throughput / rawBurst.throughput))

        let restore = try await bench.restoreRun(keys: restoreKeys)
        print(String(format: "restore of %d keys: %.2f s in the runtime (%.0f keys/s), %.2f s from process start to ready",
                     restoreKeys, restore.restoreSeconds, Double(restoreKeys) / restore.restoreSeconds, restore.readySeconds))
    }

    private func row(_ name: String, _ recorder: LatencyRecorder) -> String {
        row(name, String(format: "%.0f", recorder.throughput), String(format: "%.1f", recorder.percentile(50)),
            String(format: "%.1f", recorder.percentile(99)))
    }

    private func row(_ a: String, _ b: String, _ c: String, _ d: String) -> String {
        a.padding(toLength: 38, withPad: " ", startingAt: 0) + b.leftPadded(10) + c.leftPadded(10) + d.leftPadded(10)
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
