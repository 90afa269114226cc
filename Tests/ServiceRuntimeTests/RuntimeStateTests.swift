import Foundation
import Kafka
import PMOModel
import Testing
@testable import ServiceRuntime

@Suite("Runtime state, without a broker")
struct RuntimeStateTests {
    @Test("the deduplication window remembers the newest identities and forgets the oldest")
    func deduplicationWindow() throws {
        var window = DeduplicationWindow(capacity: 3)
        for id in ["a", "b", "c", "d"] { window.insert(DeduplicationWindow.identity(source: "/up", id: id)) }
        #expect(!window.contains(DeduplicationWindow.identity(source: "/up", id: "a")))
        #expect(window.contains(DeduplicationWindow.identity(source: "/up", id: "d")))
        #expect(!window.contains(DeduplicationWindow.identity(source: "/other", id: "d")))
        window.insert(DeduplicationWindow.identity(source: "/up", id: "d"))
        #expect(window.contains(DeduplicationWindow.identity(source: "/up", id: "b")), "a repeat must not push others out")

        let decoded = try PMOJSON.decode(DeduplicationWindow.self, from: PMOJSON.encode(window))
        #expect(decoded == window)
        #expect(decoded.contains(DeduplicationWindow.identity(source: "/up", id: "c")))
    }

    @Test("a partition store keeps an open transaction's changes apart until commit or rollback")
    func partitionStore() {
        var store = PartitionStore<Int>()
        store.restore(KeyedState(state: 1), for: "k1")
        store.set(KeyedState(state: 2), for: "k1")
        store.set(KeyedState(state: 7), for: "k2")
        #expect(store.entry(for: "k1")?.state == 2)
        #expect(store.keys == ["k1", "k2"])
        store.rollback()
        #expect(store.entry(for: "k1")?.state == 1)
        #expect(store.entry(for: "k2") == nil)
        store.set(KeyedState(state: 3), for: "k1")
        store.commit()
        #expect(store.entry(for: "k1")?.state == 3)
        #expect(store.pending.isEmpty)
        store.restore(nil, for: "k1")
        #expect(store.entry(for: "k1") == nil)
    }

    @Test("failed transactional calls are retried, aborted and rewound, or end the instance")
    func transactionRecovery() {
        let fenced = KafkaError(code: 90, name: "PRODUCER_FENCED", message: "", isFatal: true)
        let fatal = KafkaError(code: -150, name: "_FATAL", message: "", isFatal: true)
        let abortable = KafkaError(code: 48, name: "INVALID_TXN_STATE", message: "", requiresAbort: true)
        let retriable = KafkaError(code: 15, name: "COORDINATOR_NOT_AVAILABLE", message: "", isRetriable: true)
        let timeout = KafkaError(code: -185, name: "_TIMED_OUT", message: "")
        let other = KafkaError(code: 87, name: "INVALID_RECORD", message: "")
        #expect(TransactionRecovery.decide(fenced, attempt: 1) == .exit)
        #expect(TransactionRecovery.decide(fatal, attempt: 1) == .exit)
        #expect(TransactionRecovery.decide(abortable, attempt: 1) == .abortAndRewind)
        #expect(TransactionRecovery.decide(retriable, attempt: 1) == .retry)
        #expect(TransactionRecovery.decide(retriable, attempt: 5, maximumAttempts: 5) == .abortAndRewind)
        #expect(TransactionRecovery.decide(timeout, attempt: 2) == .retry)
        #expect(TransactionRecovery.decide(other, attempt: 1) == .abortAndRewind)
    }

    @Test("consumer lag per partition is read from librdkafka's statistics")
    func lagFromStatistics() throws {
        let metrics = RuntimeMetrics(service: "test")
        metrics.updateLag(fromStatistics: """
        {"topics": {"pmo.status.reports": {"partitions": {
          "0": {"consumer_lag": 42}, "1": {"consumer_lag": -1}, "-1": {"consumer_lag": 5}}}}}
        """)
        let text = String(decoding: metrics.render(), as: UTF8.self)
        #expect(text.contains(#"pmo_consumer_lag{service="test",topic="pmo.status.reports",partition="0"} 42"#))
        #expect(!text.contains(#"partition="1""#))
        #expect(!text.contains(#"partition="-1""#))
    }

    @Test("the runtime's clients get the settings a correct transactional loop needs")
    func clientConfiguration() {
        let configuration = RuntimeConfiguration(
            kafka: KafkaConfiguration(bootstrapServers: "b:9092", properties: ["security.protocol": "SASL_SSL"]),
            instanceID: "pod-1", groupID: "pmo-intake")
        let consumer = configuration.inputConsumer(service: "intake")
        #expect(consumer["partition.assignment.strategy"] == "range")
        #expect(consumer["security.protocol"] == "SASL_SSL")
        let producer = configuration.partitionProducer(service: "intake", partition: 4)
        #expect(producer["transactional.id"] == "pmo-intake-p4")
        #expect(producer["client.id"] == "intake-pod-1-p4")
        #expect(KafkaConsumer.defaultProperties["isolation.level"] == "read_committed")
        #expect(KafkaConsumer.defaultProperties["enable.auto.commit"] == "false")
    }
}
