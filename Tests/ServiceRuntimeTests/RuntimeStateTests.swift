import Foundation
import Kafka
import PMOModel
import Testing
@testable import ServiceRuntime

@Suite("Runtime state, without a broker")
struct RuntimeStateTests {
    @Test("a deduplication window in the earlier form, identity strings, is read as fingerprints of the same events")
    func earlierWindowForm() throws {
        let earlier = Data(#"{"capacity":3,"identities":["/up a","/up b","/up c","/up d"]}"#.utf8)
        let window = try PMOJSON.decode(DeduplicationWindow.self, from: earlier)
        #expect(window.capacity == 3)
        #expect(!window.contains(DeduplicationWindow.fingerprint(source: "/up", id: "a")), "only the newest 3 are kept")
        for id in ["b", "c", "d"] { #expect(window.contains(DeduplicationWindow.fingerprint(source: "/up", id: id))) }
        let rewritten = String(decoding: try PMOJSON.encode(window), as: UTF8.self)
        #expect(rewritten.hasPrefix(#"{"capacity":3,"fingerprints":""#) && !rewritten.contains("identities"))
        #expect(throws: DecodingError.self) {
            try PMOJSON.decode(DeduplicationWindow.self, from: Data(#"{"capacity":3,"fingerprints":"AAAA"}"#.utf8))
        }
    }

    @Test("a full window of 256 fingerprints stays small, and its false-positive bound is capacity / 2^64")
    func windowSizeAndBound() throws {
        var window = DeduplicationWindow()
        for index in 0..<1000 { window.insert(DeduplicationWindow.fingerprint(source: "/bench", id: "event-\(index)")) }
        #expect(window.fingerprints.count == 256)
        #expect(try PMOJSON.encode(window).count < 2_800)
        #expect(window.falsePositiveBound == 256.0 / 18_446_744_073_709_551_616.0)
        let fresh = (1000..<21000).filter { window.contains(DeduplicationWindow.fingerprint(source: "/bench", id: "event-\($0)")) }
        #expect(fresh.isEmpty, "events never applied are not taken for duplicates")
        #expect(window.contains(DeduplicationWindow.fingerprint(source: "/bench", id: "event-999")))
        #expect(!window.contains(DeduplicationWindow.fingerprint(source: "/bench", id: "event-743")))
    }

    @Test("the deduplication window remembers the newest events and forgets the oldest")
    func deduplicationWindow() throws {
        var window = DeduplicationWindow(capacity: 3)
        for id in ["a", "b", "c", "d"] { window.insert(DeduplicationWindow.fingerprint(source: "/up", id: id)) }
        #expect(!window.contains(DeduplicationWindow.fingerprint(source: "/up", id: "a")))
        #expect(window.contains(DeduplicationWindow.fingerprint(source: "/up", id: "d")))
        #expect(!window.contains(DeduplicationWindow.fingerprint(source: "/other", id: "d")))
        window.insert(DeduplicationWindow.fingerprint(source: "/up", id: "d"))
        #expect(window.contains(DeduplicationWindow.fingerprint(source: "/up", id: "b")), "a repeat must not push others out")

        let decoded = try PMOJSON.decode(DeduplicationWindow.self, from: PMOJSON.encode(window))
        #expect(decoded == window)
        #expect(decoded.contains(DeduplicationWindow.fingerprint(source: "/up", id: "c")))
    }

    @Test("a key's changelog value reads back as the same state and window, with or without a state")
    func changelogValueRoundTrip() throws {
        struct Tally: Codable, Sendable, Equatable { var total: Int; var note: String }
        var window = DeduplicationWindow(capacity: 4)
        for id in ["a", "b"] { window.insert(DeduplicationWindow.fingerprint(source: "/up", id: id)) }
        #expect(try window.jsonBytes() == Array(PMOJSON.encode(window)), "the window writes itself as PMOJSON encodes it")
        for entry in [KeyedState(state: Tally(total: 3, note: "quote \" and / slash"), applied: window),
                      KeyedState<Tally>(state: nil, applied: window)] {
            let value = try entry.changelogValue()
            #expect(try PMOJSON.decode(KeyedState<Tally>.self, from: Data(value)) == entry)
            let generic = try JSONSerialization.jsonObject(with: Data(value)) as? [String: Any]
            #expect(generic?.keys.sorted() == ["applied", "state"], "\(String(decoding: value, as: UTF8.self))")
        }
    }

    @Test("a key's last trace context is kept in its changelog value, and a value written before it had none reads as nil")
    func changelogValueKeepsTheTrace() throws {
        let parent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
        let entry = KeyedState(state: 7, applied: DeduplicationWindow(capacity: 4), trace: "traceparent=\(parent)\ntracestate=pmo=1")
        let value = try entry.changelogValue()
        #expect(try PMOJSON.decode(KeyedState<Int>.self, from: Data(value)) == entry)
        let generic = try JSONSerialization.jsonObject(with: Data(value)) as? [String: Any]
        #expect(generic?.keys.sorted() == ["applied", "state", "trace"])
        let older = Data(#"{"applied":{"capacity":4,"fingerprints":""},"state":7}"#.utf8)
        #expect(try PMOJSON.decode(KeyedState<Int>.self, from: older).trace == nil)
    }

    @Test("time-driven ids derive from a key's state and window, not from the trace context it keeps")
    func timeDrivenDigestIgnoresTheTrace() throws {
        let plain = KeyedState(state: 7, applied: DeduplicationWindow(capacity: 4))
        var traced = plain
        traced.trace = "traceparent=00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
        var retraced = plain
        retraced.trace = "traceparent=00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"
        let digest = plain.digest(changelog: try plain.changelogValue())
        #expect(traced.digest(changelog: try traced.changelogValue()) == digest)
        #expect(retraced.digest(changelog: try retraced.changelogValue()) == digest)
        let changed = KeyedState(state: 8, applied: DeduplicationWindow(capacity: 4), trace: traced.trace)
        #expect(changed.digest(changelog: try changed.changelogValue()) != digest)
    }

    @Test("a partition store keeps an open transaction's changes apart until commit or rollback")
    func partitionStore() {
        var store = PartitionStore<Int>()
        store.restore(KeyedState(state: 1), size: 1, for: "k1")
        store.set(KeyedState(state: 2), encoded: [2], for: "k1")
        store.set(KeyedState(state: 7), encoded: [7], for: "k2")
        #expect(store.entry(for: "k1")?.state == 2)
        #expect(store.keys == ["k1", "k2"])
        #expect(store.pendingValues == ["k1": [2], "k2": [7]])
        store.rollback()
        #expect(store.pendingValues.isEmpty)
        #expect(store.entry(for: "k1")?.state == 1)
        #expect(store.entry(for: "k2") == nil)
        store.set(KeyedState(state: 3), encoded: [3], for: "k1")
        store.commit()
        #expect(store.entry(for: "k1")?.state == 3)
        #expect(store.pending.isEmpty)
        store.restore(nil, size: 0, for: "k1")
        #expect(store.entry(for: "k1") == nil)
    }

    @Test("an input's change: the key's window and trace carry into the transaction, its state comes from the handler, and a rollback finds the committed entry whole")
    func changeSettingState() {
        var store = PartitionStore<Int>()
        var window = DeduplicationWindow(capacity: 4)
        window.insert(1)
        let committed = KeyedState(state: 1, applied: window, trace: "t1")
        store.restore(committed, size: 10, for: "k")
        #expect(!store.isChanged("k"))
        #expect(store.takeState(of: "k") == 1)
        #expect(store.entry(for: "k") == committed, "a committed state is copied for the handler, not taken")
        var given: KeyedState<Int>?
        store.change("k", default: { KeyedState(state: nil) }, settingState: { entry in
            given = entry
            entry.state = 2
            entry.applied.insert(2)
        })
        #expect(given?.state == nil && given?.trace == "t1" && given?.applied.contains(1) == true)
        #expect(store.isChanged("k"))
        #expect(store.takeState(of: "k") == 2)
        #expect(store.entry(for: "k")?.state == nil, "a changed key's state moves out to the handler")
        store.change("k", default: { KeyedState(state: nil) }, settingState: { entry in
            given = entry
            entry.state = 3
        })
        #expect(given?.applied.contains(2) == true, "the second change finds the first one's window")
        #expect(store.entry(for: "k")?.state == 3)
        store.change("new", default: { KeyedState(state: nil, trace: "fresh") }, settingState: { entry in
            given = entry
            entry.state = 9
        })
        #expect(given?.trace == "fresh" && store.entry(for: "new")?.state == 9, "a key without state starts from the default")
        store.rollback()
        #expect(store.entry(for: "k") == committed)
        #expect(store.entry(for: "new") == nil)
    }

    @Test("a state known to be under half the size limit is encoded once before the commit; a new or large one at each input")
    func deferredStateEncoding() {
        var store = PartitionStore<Int>()
        #expect(!store.mayDeferEncoding(of: "new", limit: 100), "a key never encoded has no known size")
        // A new key is encoded at its first input; its later changes in the transaction are deferred.
        store.set(KeyedState(state: 1), encoded: [1, 1], for: "new")
        #expect(store.mayDeferEncoding(of: "new", limit: 100))
        store.set(KeyedState(state: 2), encoded: nil, for: "new")
        #expect(store.mayDeferEncoding(of: "new", limit: 100), "deferring a change does not forget the size")
        store.rollback()
        #expect(!store.mayDeferEncoding(of: "new", limit: 100), "a rolled-back key is new again")
        store.restore(KeyedState(state: 1), size: 49, for: "small")
        store.restore(KeyedState(state: 1), size: 50, for: "half")
        #expect(store.mayDeferEncoding(of: "small", limit: 100))
        #expect(!store.mayDeferEncoding(of: "half", limit: 100))
        // Deferred changes are encoded before the commit, in key order, stopping at a refused one.
        store.set(KeyedState(state: 2), encoded: nil, for: "small")
        store.set(KeyedState(state: 3), encoded: nil, for: "b")
        store.set(KeyedState(state: 4), encoded: [4], for: "a")
        var encoded: [String] = []
        let problem = store.encodePending { key, entry -> Result<[UInt8], TestFailure> in
            encoded.append(key)
            return entry.state == 3 ? .failure(TestFailure("b is too large")) : .success([UInt8(entry.state ?? 0)])
        }
        #expect(problem?.description == "b is too large" && encoded == ["b"])
        store.set(KeyedState(state: 5), encoded: nil, for: "b")
        #expect(store.encodePending { _, entry in Result<[UInt8], TestFailure>.success([UInt8(entry.state ?? 0)]) } == nil)
        #expect(store.pendingValues == ["a": [4], "b": [5], "small": [2]])
        // Committed values give the sizes the next transaction goes by.
        store.commit()
        #expect(store.mayDeferEncoding(of: "a", limit: 100))
    }

    @Test("consumer lag is the partition's end less the committed offset, not librdkafka's count of records read")
    func lagFromProgress() throws {
        let progress = PartitionProgress()
        progress.assigned([("pmo.status.reports", 0, 100), ("pmo.status.reports", 1, nil)])
        progress.update(fromStatistics: """
        {"topics": {"pmo.status.reports": {"partitions": {
          "0": {"consumer_lag": 9200, "ls_offset": 9300, "next_offset": 5000},
          "1": {"consumer_lag": 9200, "ls_offset": 10, "next_offset": 10}, "-1": {"ls_offset": 5}}}}}
        """)
        #expect(progress.readings().map(\.lag) == [9200, 0])
        progress.consumed(topic: "pmo.status.reports", partition: 1, next: 8)
        #expect(progress.readings().map(\.lag) == [9200, 8], "fetched to the end: records taken and not committed")
        progress.committed([TopicPartition("pmo.status.reports", 0): 9299, TopicPartition("pmo.status.reports", 1): 8])
        progress.update(fromStatistics: """
        {"topics": {"pmo.status.reports": {"partitions": {"0": {"ls_offset": 9300, "next_offset": 9300}}}}}
        """)
        // 9299 committed, end 9300, fetched to the end: the gap is a transaction marker, no record.
        #expect(progress.readings().map(\.lag) == [0, 0])

        let metrics = RuntimeMetrics(service: "test")
        progress.consumed(topic: "pmo.status.reports", partition: 0, next: 9301)
        metrics.updateLag(progress, stallLimit: .seconds(120))
        let text = String(decoding: metrics.render(), as: UTF8.self)
        #expect(text.contains(#"pmo_consumer_lag{service="test",topic="pmo.status.reports",partition="0"} 2"#), "\(text)")
        #expect(text.contains(#"pmo_partition_stalled{service="test",topic="pmo.status.reports",partition="0"} 0"#))
    }

    @Test("a partition with records to process and no commit for the stall limit makes the instance unhealthy")
    func stallAlarm() {
        let status = RuntimeStatus(stallLimit: .seconds(30))
        status.progress.assigned([("in", 0, 10), ("in", 1, 10)])
        let later = ContinuousClock.now.advanced(by: .seconds(31))
        #expect(status.health(now: later).healthy, "no lag, no stall")
        status.progress.consumed(topic: "in", partition: 1, next: 15)
        #expect(status.health().healthy, "lag, but not for long")
        let health = status.health(now: later)
        #expect(!health.healthy)
        #expect(health.detail.contains("in[1] lag 5"), "\(health.detail)")
        status.progress.committed([TopicPartition("in", 1): 15])
        #expect(status.health(now: ContinuousClock.now.advanced(by: .seconds(29))).healthy, "a commit clears it")
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
        #expect(producer["linger.ms"] == "50", "records linger up to the commit interval, which flushes them")
        #expect(KafkaConsumer.defaultProperties["isolation.level"] == "read_committed")
        #expect(KafkaConsumer.defaultProperties["enable.auto.commit"] == "false")
        #expect(consumer["enable.partition.eof"] == "true", "the merge order needs the ends of the inputs")
        #expect(configuration.transactionLimits.retryBudget < configuration.transactionTimeout,
                "commits are retried for less than the broker's transaction timeout")
    }

    @Test("the transactional producers linger for the commit interval unless linger.ms is set")
    func partitionProducerLinger() {
        func linger(interval: Duration, properties: [String: String] = [:]) -> String? {
            RuntimeConfiguration(kafka: KafkaConfiguration(bootstrapServers: "b:9092", properties: properties),
                                 instanceID: "pod-1", groupID: "pmo-intake", commitInterval: interval)
                .partitionProducer(service: "intake", partition: 0)["linger.ms"]
        }
        #expect(linger(interval: .milliseconds(200)) == "200")
        #expect(linger(interval: .milliseconds(1)) == "5", "never below librdkafka's default")
        #expect(linger(interval: .seconds(30)) == "1000", "at most a second")
        #expect(linger(interval: .milliseconds(200), properties: ["linger.ms": "2"]) == "2", "an operator's setting wins")
        let moves = RuntimeConfiguration(kafka: KafkaConfiguration(bootstrapServers: "b:9092"), instanceID: "pod-1",
                                         groupID: "pmo-intake").movedRecordsProducer(service: "intake")
        #expect(moves["linger.ms"] == nil, "moved records are awaited at the commit without a flush: librdkafka's default")
    }

    @Test("the transactional producers compress with LZ4 unless compression.type or compression.codec is set")
    func partitionProducerCompression() {
        func compression(_ properties: [String: String] = [:]) -> String? {
            RuntimeConfiguration(kafka: KafkaConfiguration(bootstrapServers: "b:9092", properties: properties),
                                 instanceID: "pod-1", groupID: "pmo-intake")
                .partitionProducer(service: "intake", partition: 2)["compression.type"]
        }
        #expect(compression() == "lz4")
        #expect(compression(["compression.type": "zstd"]) == "zstd", "an operator's setting wins")
        #expect(compression(["compression.type": "none"]) == "none", "and may turn it off")
        #expect(compression(["compression.codec": "gzip"]) == nil, "nor set beside its alias, which librdkafka would apply in either order")
    }
}
