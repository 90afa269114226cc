import Foundation
import Kafka
import Testing

@Suite("Exactly-once processing with the test counter", CounterHarness.enabled, .serialized, .timeLimit(.minutes(5)))
struct ExactlyOnceTests {
    @Test("kill -9 mid-stream and restart: every output exactly once, totals exact")
    func crashAndRestart() async throws {
        let harness = try CounterHarness("crash")
        try await harness.createTopics()
        var expected = try await harness.publishRequests(6000, keys: 50)
        var instance = try harness.start(instance: "a")
        defer { instance.stop() }
        let early = try await harness.readOutputs(distinct: 1500, timeout: .seconds(90))
        #expect(Set(early.map(\.id)).count >= 1500, "the counter did not get going: \(instance.output.suffix(2000))")
        instance.signal(SIGKILL)
        _ = await instance.waitForExit(timeout: .seconds(10))
        let more = try await harness.publishRequests(4000, keys: 50, first: 6000)
        expected.merge(more, uniquingKeysWith: +)

        instance = try harness.start(instance: "a")
        let outputs = try await harness.readOutputs(distinct: 10_000)
        let (copies, problems) = harness.verifyExactlyOnce(outputs, expected: expected)
        #expect(problems.isEmpty, "\(problems.prefix(10))\n\(instance.output.suffix(3000))")
        #expect(Set(outputs.map(\.id)).count == 10_000)
        print("crash test: \(outputs.count) records read, \(copies) copies of aborted records (same ce_id)")
        instance.signal(SIGTERM)
        #expect(await instance.waitForExit(timeout: .seconds(30)) == 0)
    }
}
