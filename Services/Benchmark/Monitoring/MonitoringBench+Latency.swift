import Foundation
import Kafka
import Logging
import PMOModel

// Latency from publishing a report to its health record, at a steady rate.
extension MonitoringBench {
    /// With the service running and caught up, publishes `rate × seconds` reports (the weeks from
    /// `firstWeek` on, every project's week before the next week) at `rate` per second and measures
    /// each from just before it is handed to the producer to the moment a read_committed reader of
    /// `output` is returned the health record whose `ce_id` names it (`pmo.status.reports/p/o/n`).
    /// The records are encoded and validated before the clock starts.
    func latency(_ workload: MonitoringWorkload, firstWeek: Int, rate: Int, seconds: Int,
                 output: String = MonitoringBench.healthTopic) async throws -> LatencyRecorder {
        let publisher = MonitoringPublisher(kafka: kafka, logger: logger)
        let events = rate * seconds
        let records = try (0..<events).map { k in
            try publisher.reportRecord(workload, workload.profiles[k % workload.projects], week: firstWeek + k / workload.projects)
        }
        let partitions = Int32(TopicCatalog.projectPartitions)
        let reader = try KafkaConsumer(configuration: kafka.merging(["fetch.wait.max.ms": "10"]), groupID: nil, logger: logger)
        let marks = try await (0..<partitions).asyncMap { try await reader.watermarks(TopicPartition(output, $0)) }
        try reader.assign((0..<partitions).map { TopicPartitionOffset(output, $0, offset: marks[Int($0)].high) })
        let producer = try KafkaProducer(configuration: kafka, logger: logger)
        let recorder = SharedRecorder()
        let (sends, sending) = AsyncStream<(DeliveryTicket, UInt64)>.makeStream()
        let resolver = Task {
            for await (ticket, sentAt) in sends {
                if let report = try? await ticket.report {
                    recorder.sent("\(report.topic)/\(report.partition)/\(report.offset)", at: sentAt)
                }
            }
        }
        let prefix = Self.reportsTopic + "/"
        let deadline = ContinuousClock.now + .seconds(120) + .seconds(seconds)
        let reading = Task {
            var matched = 0
            while matched < events, ContinuousClock.now < deadline {
                let batch = try await reader.pollBatch(maxEvents: 10_000, timeout: .milliseconds(20))
                let now = monotonicNanoseconds()
                var ids: [String] = []
                for case .record(let record) in batch {
                    guard let id = record.headers.string("ce_id"), id.hasPrefix(prefix),
                          let slash = id.lastIndex(of: "/") else { continue }
                    ids.append(String(id[..<slash]))
                }
                matched = ids.isEmpty ? recorder.matched : recorder.received(ids, at: now)
            }
            return matched
        }
        let interval = 1_000_000_000 / UInt64(rate)
        let start = monotonicNanoseconds()
        var index = 0
        while index < events {
            let due = min(events, Int((monotonicNanoseconds() - start) / interval) + 1)
            while index < due {
                let sentAt = monotonicNanoseconds()
                sending.yield((try await producer.produce(records[index]), sentAt))
                index += 1
            }
            if index < events { try await Task.sleep(for: .milliseconds(1)) }
        }
        sending.finish()
        let received = try await reading.value
        await resolver.value
        await producer.close()
        try await reader.close()
        if received < events { logger.error("only \(received) of \(events) health records arrived") }
        return recorder.snapshot
    }
}
