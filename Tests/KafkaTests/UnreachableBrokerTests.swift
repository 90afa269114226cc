import Kafka
import Testing

/// A broker address nothing listens on (port 1 of loopback is never served here).
private let nowhere = KafkaConfiguration(bootstrapServers: "127.0.0.1:1", properties: [
    "reconnect.backoff.ms": "100",
    "reconnect.backoff.max.ms": "500",
])

@Suite("An unreachable broker", .timeLimit(.minutes(1)))
struct UnreachableBrokerTests {
    @Test("a send fails with a timeout error once message.timeout.ms has passed")
    func sendTimesOut() async throws {
        let producer = try KafkaProducer(configuration: nowhere.merging(["message.timeout.ms": "1500"]), logger: testLogger)
        let clock = ContinuousClock()
        let start = clock.now
        do {
            try await producer.send(ProducerRecord(topic: "pmo.nowhere", key: "k", value: Array("v".utf8)))
            Issue.record("a record was delivered to a broker that does not exist")
        } catch let error as KafkaError {
            #expect(error.isTimeout, "unexpected error: \(error)")
            #expect(error.name == "_MSG_TIMED_OUT")
        }
        #expect(clock.now - start < .seconds(15), "the send hung instead of failing after its timeout")
        await producer.close(timeout: .seconds(1))
    }

    @Test("listing topics fails with a clear error naming the broker")
    func metadataTimesOut() async throws {
        let admin = try KafkaAdmin(configuration: nowhere, logger: testLogger)
        do {
            _ = try await admin.listTopics(timeout: .seconds(1))
            Issue.record("metadata came back from a broker that does not exist")
        } catch {
            #expect(error.isTimeout, "unexpected error: \(error)")
            #expect(error.message.contains("127.0.0.1:1"))
        }
    }

    @Test("initialising transactions fails within its timeout")
    func initTransactionsTimesOut() async throws {
        let producer = try KafkaProducer(configuration: nowhere.merging(["transactional.id": "nowhere"]), logger: testLogger)
        do {
            try await producer.initTransactions(timeout: .seconds(1))
            Issue.record("transactions were initialised without a broker")
        } catch {
            #expect(error.isTimeout || error.isRetriable, "unexpected error: \(error)")
        }
        await producer.close(timeout: .seconds(1))
    }
}

@Suite("The test command's broker")
struct BrokerRequirementTests {
    @Test("when the test command requires a broker, one is configured")
    func brokerConfiguredWhenRequired() {
        if TestBroker.isRequired {
            #expect(TestBroker.bootstrapServers != nil, "PMO_REQUIRE_BROKER=1 but KAFKA_BOOTSTRAP_SERVERS is not set")
        }
    }
}
