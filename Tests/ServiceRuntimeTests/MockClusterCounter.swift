import Foundation
@_spi(Testing) import Kafka
import Testing

/// The test counter on librdkafka's mock cluster, which injects errors a real broker cannot be
/// made to return on cue.
enum MockClusterCounter {
    /// A mock cluster with a counter's topics, and one counter instance on it, ready and owning
    /// every partition. `extra` adds flags to the instance.
    static func start(_ label: String, extra: [String] = []) async throws
        -> (cluster: KafkaMockCluster, instance: ServiceProcess, input: String, output: String)
    {
        let (cluster, instance, input, output) = try launch(label, extra: extra)
        do {
            let readiness = try await instance.waitUntilReady()
            try #require(readiness.partitions == Array(0..<6), "the only instance owns every partition: \(readiness)")
        } catch {
            instance.stop()
            throw error
        }
        return (cluster, instance, input, output)
    }

    /// A mock cluster with a counter's topics, and one counter instance started on it, not yet
    /// ready. `prepare` runs on the cluster before the instance starts.
    static func launch(_ label: String, extra: [String] = [],
                       prepare: (KafkaMockCluster) throws -> Void = { _ in }) throws
        -> (cluster: KafkaMockCluster, instance: ServiceProcess, input: String, output: String)
    {
        let cluster = try KafkaMockCluster(logger: harnessLogger)
        let suffix = UUID().uuidString.prefix(8).lowercased()
        let name = "counter-\(label)-\(suffix)"
        let input = "test.\(label).\(suffix).requests"
        let output = "test.\(label).\(suffix).updates"
        for topic in [input, output, "pmo.\(name).changelog"] {
            try cluster.createTopic(topic, partitions: 6)
        }
        try cluster.createTopic("pmo.\(name).dlq", partitions: 1)
        try prepare(cluster)
        let port = try ServiceProcess.freePort()
        let instance = try ServiceProcess("pmo-test-counter", arguments: [
            "--name", name, "--input-topic", input, "--output-topic", output,
            "--bootstrap-servers", cluster.bootstrapServers, "--group-id", name, "--instance-id", "a",
            "--http-port", "\(port)", "--http-host", "127.0.0.1", "--kafka-property", "session.timeout.ms=6000",
        ] + extra, name: name)
        instance.httpPort = port
        return (cluster, instance, input, output)
    }

    /// The counter's output sequences on the mock cluster, read_committed, in the order read:
    /// read until `count` have been seen or `timeout` passes, then for `settle` longer, so that
    /// any copy beyond them shows too.
    static func readSequences(_ cluster: KafkaMockCluster, output: String, count: Int, timeout: Duration,
                              settle: Duration) async throws -> [Int] {
        try await readOutputs(cluster, topic: output, count: count, timeout: timeout, settle: settle).map(\.sequence)
    }

    /// The counter's outputs in `topic` on the mock cluster, read_committed, in the order read,
    /// as ``readSequences(_:output:count:timeout:settle:)`` reads them.
    static func readOutputs(_ cluster: KafkaMockCluster, topic: String, count: Int, timeout: Duration,
                            settle: Duration) async throws -> [CountOutput] {
        let reader = try KafkaConsumer(configuration: KafkaConfiguration(bootstrapServers: cluster.bootstrapServers),
                                       groupID: nil, logger: harnessLogger)
        try reader.assign((0..<6).map { TopicPartitionOffset(topic, $0, offset: KafkaOffset.beginning) })
        var outputs: [CountOutput] = []
        let clock = ContinuousClock()
        let end = clock.now.advanced(by: timeout)
        while outputs.count < count, clock.now < end {
            for case .record(let record) in try await reader.pollBatch(maxEvents: 100, timeout: .milliseconds(200)) {
                outputs.append(try CountOutput(record))
            }
        }
        for case .record(let record) in try await reader.pollBatch(maxEvents: 100, timeout: settle) {
            outputs.append(try CountOutput(record))
        }
        try await reader.close()
        return outputs
    }
}
