import Foundation
@_spi(Testing) import Kafka
import Testing

/// What a producer's threads do while its partition waits for the broker's answer, on librdkafka's
/// mock cluster (whose broker can be made to hold its answers). The librdkafka the project builds
/// carries a patch for this (`scripts/patches/librdkafka-producer-in-flight-wakeup.patch`).
@Suite("A producer waiting for an answer (mock cluster)", .timeLimit(.minutes(1)))
struct ProducerWaitTests {
    @Test("a transactional producer whose partition waits for an answer sleeps until it comes, without polling in a busy loop")
    func waitsForTheAnswerAsleep() async throws {
        let cluster = try KafkaMockCluster(logger: testLogger)
        try cluster.createTopic("pmo.wait", partitions: 1)
        let before = Set(LibrdkafkaThreads.current().keys)
        let producer = try KafkaProducer(
            configuration: KafkaConfiguration(bootstrapServers: cluster.bootstrapServers,
                                              properties: ["transactional.id": "pmo-wait-0", "linger.ms": "5"]),
            logger: testLogger)
        try await producer.initTransactions()
        try await producer.beginTransaction()
        // The partition joins the transaction with a first record, answered at once.
        try await producer.send(ProducerRecord(topic: "pmo.wait", key: "k", value: [0]))
        let threads = Set(LibrdkafkaThreads.current().keys).subtracting(before)
        #expect(!threads.isEmpty, "the producer's threads were not found")

        // Ten records go out after the 5 ms linger and wait 3 s for their answer; ten more queue
        // behind them, their linger soon past, and cannot be sent before that answer (an
        // idempotent producer sends nothing more for a partition with five messages in flight).
        try cluster.delayResponses(by: .seconds(3))
        for index in 1...10 { _ = try producer.enqueue(ProducerRecord(topic: "pmo.wait", key: "k", value: [UInt8(index)])) }
        try await Task.sleep(for: .milliseconds(200))
        for index in 11...20 { _ = try producer.enqueue(ProducerRecord(topic: "pmo.wait", key: "k", value: [UInt8(index)])) }
        try await Task.sleep(for: .milliseconds(100))

        // Over one second of that wait, no thread of the producer may be on the CPU for a
        // quarter of it. Unpatched, its broker thread polls with a zero timeout the whole time
        // (close to the whole second on an idle machine).
        let start = LibrdkafkaThreads.current()
        try await Task.sleep(for: .seconds(1))
        let end = LibrdkafkaThreads.current()
        let busiest = threads.compactMap { tid -> (name: String, nanoseconds: UInt64)? in
            guard let first = start[tid], let last = end[tid] else { return nil }
            return (last.name, last.cpuNanoseconds - first.cpuNanoseconds)
        }.max { $0.nanoseconds < $1.nanoseconds }
        #expect(busiest != nil)
        if let busiest {
            #expect(busiest.nanoseconds < 250_000_000,
                    "\(busiest.name) was on the CPU for \(busiest.nanoseconds / 1_000_000) ms of the 1,000 ms it waited")
        }

        try cluster.delayResponses(by: .zero)
        try await producer.commitTransaction(timeout: .seconds(20))
        await producer.close(timeout: .seconds(2))
    }
}

/// The threads of this process that librdkafka started (named `rdk:…`), by thread id, with the
/// CPU time each has used (`/proc/self/task/<tid>/schedstat`, nanoseconds on the CPU).
enum LibrdkafkaThreads {
    struct Thread {
        var name: String
        var cpuNanoseconds: UInt64
    }

    static func current() -> [Int: Thread] {
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task")) ?? []
        var threads: [Int: Thread] = [:]
        for task in tasks {
            guard let tid = Int(task),
                  let name = try? String(contentsOfFile: "/proc/self/task/\(task)/comm", encoding: .utf8)
                      .trimmingCharacters(in: .whitespacesAndNewlines),
                  name.hasPrefix("rdk:"),
                  let schedstat = try? String(contentsOfFile: "/proc/self/task/\(task)/schedstat", encoding: .utf8),
                  let onCPU = schedstat.split(separator: " ").first.flatMap({ UInt64($0) }) else { continue }
            threads[tid] = Thread(name: name, cpuNanoseconds: onCPU)
        }
        return threads
    }
}
