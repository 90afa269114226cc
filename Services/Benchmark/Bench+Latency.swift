import ArgumentParser
import Foundation
import Kafka
import Logging
import PMOModel
import ServiceRuntime
#if canImport(Glibc)
import Glibc
#endif

// Latency at steady rates.
extension Bench {
    /// Starts `target` once, and for each rate publishes `rate × seconds` events at that steady
    /// rate, measuring each one from just before it is produced to the arrival of its output at
    /// a read_committed reader.
    func latencyRuns(_ target: Target, rates: [Int], seconds: Int) async throws -> [(Int, LatencyRecorder)] {
        let topics = try await freshTopics("lat-" + target.rawValue, changelog: target.changelogMode != nil)
        let process: ChildProcess
        do {
            process = try start(target, topics)
        } catch {
            await deleteTopics(topics)
            throw error
        }
        var results: [(Int, LatencyRecorder)] = []
        do {
            _ = try await measure(topics: topics, label: "warm-up", events: 1, rate: nil)
            for rate in rates {
                results.append((rate, try await measure(topics: topics, label: "r\(rate)", events: rate * seconds, rate: rate)))
            }
        } catch {
            await process.stop()
            await deleteTopics(topics)
            throw error
        }
        await process.stop()
        await deleteTopics(topics)
        return results
    }

    /// Records in the input topic (the sum of its high watermarks; it is not transactional).
    private func inputRecords(_ topics: Topics, _ consumer: KafkaConsumer) async throws -> Int {
        try await (0..<partitions).asyncMap { Int(try await consumer.watermarks(TopicPartition(topics.input, $0)).high) }
            .reduce(0, +)
    }

    /// The input an output answers: `bench_source` (pass-through copies), or the counter's
    /// `ce_id` `<topic>/<partition>/<offset>/<n>`.
    private static func inputOf(_ record: ConsumerRecord) -> String? {
        if let source = record.headers.string("bench_source") { return source }
        guard let id = record.headers.string("ce_id") else { return nil }
        return String(id[..<(id.lastIndex(of: "/") ?? id.endIndex)])
    }

    /// Publishes `events` count requests (as fast as possible, or at `rate` per second) and reads
    /// their outputs. Records are sent in the ticks of a 1 ms clock, each timed on its own.
    private func measure(topics: Topics, label: String, events: Int, rate: Int?) async throws -> LatencyRecorder {
        let reader = try KafkaConsumer(configuration: kafka.merging(["fetch.wait.max.ms": "10"]), groupID: nil, logger: logger)
        let marks = try await (0..<partitions).asyncMap { try await reader.watermarks(TopicPartition(topics.output, $0)) }
        try reader.assign((0..<partitions).map { TopicPartitionOffset(topics.output, $0, offset: marks[Int($0)].high) })
        let inputBefore = try await inputRecords(topics, reader)
        let producer = try KafkaProducer(configuration: kafka, logger: logger)
        let recorder = SharedRecorder()
        // Delivery reports (which give each input's position) are resolved on the side.
        let (sends, sending) = AsyncStream<(DeliveryTicket, UInt64)>.makeStream()
        let resolver = Task {
            for await (ticket, sentAt) in sends {
                if let report = try? await ticket.report {
                    recorder.sent("\(report.topic)/\(report.partition)/\(report.offset)", at: sentAt)
                }
            }
        }
        let deadline = ContinuousClock.now + .seconds(120) + .seconds(rate.map { events / $0 } ?? 0)
        let reading = Task {
            var matched = 0
            while matched < events, ContinuousClock.now < deadline {
                let batch = try await reader.pollBatch(maxEvents: 10_000, timeout: .milliseconds(20))
                let now = monotonicNanoseconds()
                var ids: [String] = []
                for case .record(let record) in batch {
                    if let input = Self.inputOf(record) { ids.append(input) }
                }
                // Outputs can arrive before their input's delivery report was resolved.
                matched = ids.isEmpty ? recorder.matched : recorder.received(ids, at: now)
            }
            return matched
        }
        // Every input has the same envelope but for its id and subject; built and checked once.
        let template = try CloudEventAttributes(id: "template", source: "/bench", type: "pmo.test.count.requested.v1",
                                                time: Date(), subject: "key-0").headers()
            .map(KafkaHeader.init)
        let idIndex = template.firstIndex { $0.name == CloudEventAttributes.Header.id }!
        let subjectIndex = template.firstIndex { $0.name == CloudEventAttributes.Header.subject }!
        let interval = rate.map { 1_000_000_000 / UInt64($0) }
        let start = monotonicNanoseconds()
        var index = 0
        while index < events {
            let now = monotonicNanoseconds()
            let due = interval.map { min(events, Int((now - start) / $0) + 1) } ?? events
            while index < due {
                let key = "key-\(index % keys)"
                var headers = template
                headers[idIndex].value = Array("\(topics.name)-\(label)-\(index)".utf8)
                headers[subjectIndex].value = Array(key.utf8)
                let record = ProducerRecord(topic: topics.input, key: key, value: Array(#"{"amount":1,"key":"\#(key)"}"#.utf8),
                                            headers: headers)
                let sentAt = monotonicNanoseconds()
                sending.yield((try await producer.produce(record), sentAt))
                index += 1
            }
            if index < events { try await Task.sleep(for: .milliseconds(1)) }
        }
        sending.finish()
        let received = try await reading.value
        await resolver.value
        await producer.close()
        recorder.noteExtraInputs(try await inputRecords(topics, reader) - inputBefore - events)
        try await reader.close()
        if received < events {
            logger.error("only \(received) of \(events) outputs arrived")
        }
        return recorder.snapshot
    }
}
