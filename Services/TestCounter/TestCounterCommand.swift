import ArgumentParser
import Kafka
import Logging
import ServiceRuntime

/// `pmo-test-counter`: runs the counting service on the runtime, for the runtime's integration
/// tests and benchmark.
@main
struct TestCounterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pmo-test-counter",
        abstract: "Counts requests per key on the PMO service runtime (for tests and benchmarks).")

    @Option(help: "Service name; its changelog is pmo.<name>.changelog and its dead letters pmo.<name>.dlq.")
    var name = "test-counter"

    @Option(help: "Topic of count requests.")
    var inputTopic = "pmo.test.counts"

    @Option(help: "Topic of count updates.")
    var outputTopic = "pmo.test.counted"

    @Option(help: "Partitions of the input and output topics when they are created.")
    var partitions = 6

    @Option(help: "Report a key idle once after this many seconds without requests (time-driven work).")
    var idleAfterS: Double?

    @Option(help: "Bytes of filler kept in every key's state, to test the state size limit.")
    var padStateBytes = 0

    @Option(help: "The request of a key (1 for its first) from which its state is padded.")
    var padStateFromRequest = 1

    @Option(help: "A compacted topic that also gets every key's running total, coalesced: one record per key per transaction.")
    var totalsTopic: String?

    @Flag(help: "Declare the totals topic coalesced but create it uncompacted (tests of the start-up check).")
    var totalsTopicUncompacted = false

    @Option(help: "Bytes of filler in the totals output of a request whose amount is at least --pad-total-from-amount.")
    var padTotalBytes = 0

    @Option(help: "The amount from which a request's totals output is padded.")
    var padTotalFromAmount = 1

    @Option(help: "A request with this amount gets a totals output that breaks the contracts (tests of output checks).")
    var invalidTotalAmount: Int?

    @OptionGroup var runtime: RuntimeOptions

    func run() async throws {
        let logger = runtime.startLogging(label: "pmo.\(name)")
        var processor = CountingProcessor(name: name, inputTopic: inputTopic, outputTopic: outputTopic,
                                          partitions: partitions, idleAfter: idleAfterS)
        processor.statePadding = padStateBytes
        processor.statePaddingFromRequest = padStateFromRequest
        processor.totalsTopic = totalsTopic
        processor.totalsTopicCompacted = !totalsTopicUncompacted
        processor.totalPadding = padTotalBytes
        processor.totalPaddingFromAmount = padTotalFromAmount
        processor.invalidTotalAmount = invalidTotalAmount
        try await ServiceLauncher.run(processor, options: runtime, defaultHTTPPort: 0,
                                      logger: logger)
    }
}
