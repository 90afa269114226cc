import ArgumentParser
import Foundation
import Kafka
import Logging
import PMOModel
#if canImport(Glibc)
import Glibc
#endif

// The restore of a large changelog.
extension Bench {
    /// Fills a counter's changelog with `keys` keys, starts the counter and times the restore.
    func restoreRun(keys: Int) async throws -> (restoreSeconds: Double, readySeconds: Double) {
        let topics = try await freshTopics("restore")
        let admin = try KafkaAdmin(configuration: kafka, logger: logger)
        try await admin.createTopics([NewTopic(name: topics.changelog, partitions: partitions, configs: ["cleanup.policy": "compact"])])
        let producer = try KafkaProducer(configuration: kafka.merging(["linger.ms": "20"]), logger: logger)
        for index in 0..<keys {
            let key = "key-\(index)"
            // The runtime's changelog value: a window of one applied event's fingerprint (8 bytes,
            // base64), then the state (see KeyedState.changelogValue).
            let value = #"{"applied":{"capacity":256,"fingerprints":"AAAAAAAAAAA="},"state":{"applied":1,"total":\#(index)}}"#
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
}
