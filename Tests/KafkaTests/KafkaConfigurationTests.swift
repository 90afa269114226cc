@testable import Kafka
import Testing

@Suite("Kafka configuration")
struct KafkaConfigurationTests {
    @Test("KAFKA_* variables map to librdkafka properties; unknown ones are reported, not used")
    func environmentMapping() {
        let (properties, ignored) = KafkaConfiguration.environmentProperties([
            "KAFKA_BOOTSTRAP_SERVERS": "broker-1:9092,broker-2:9092",
            "KAFKA_SECURITY_PROTOCOL": "SASL_SSL",
            "KAFKA_SASL_MECHANISMS": "SCRAM-SHA-512",
            "KAFKA_HOME": "/opt/kafka",
            "PATH": "/usr/bin",
        ])
        #expect(properties == [
            "bootstrap.servers": "broker-1:9092,broker-2:9092",
            "security.protocol": "SASL_SSL",
            "sasl.mechanisms": "SCRAM-SHA-512",
        ])
        #expect(ignored == ["KAFKA_HOME"])
    }

    @Test("properties files and flags parse name=value pairs, skipping comments")
    func propertiesParsing() throws {
        let parsed = try KafkaConfiguration.parseProperties([
            "# credentials", "sasl.username = pmo", "", "sasl.password=a=b", "! also a comment",
        ])
        #expect(parsed == ["sasl.username": "pmo", "sasl.password": "a=b"])
        #expect(throws: KafkaError.self) { try KafkaConfiguration.parseProperties(["no-equals-sign"]) }
    }

    @Test("an invalid configuration names every bad property at once")
    func invalidConfiguration() {
        let configuration = KafkaConfiguration(bootstrapServers: "127.0.0.1:1", properties: [
            "no.such.property": "1",
            "acks": "sometimes",
        ])
        do {
            _ = try KafkaProducer(configuration: configuration, logger: testLogger)
            Issue.record("a producer was created from an invalid configuration")
        } catch {
            #expect(error.message.contains("no.such.property"))
            #expect(error.message.contains("acks"))
        }
    }

    @Test("one configuration serves producers and consumers: each drops the other's properties")
    func roleFiltering() {
        let shared = KafkaConfiguration(bootstrapServers: "b:1", properties: [
            "session.timeout.ms": "6000", "linger.ms": "20", "security.protocol": "SSL", "retry.backoff.ms": "200",
        ])
        let producer = shared.dropping(KafkaConfiguration.consumerOnlyProperties)
        let consumer = shared.dropping(KafkaConfiguration.producerOnlyProperties)
        #expect(producer.properties == ["bootstrap.servers": "b:1", "linger.ms": "20", "security.protocol": "SSL", "retry.backoff.ms": "200"])
        #expect(consumer.properties == ["bootstrap.servers": "b:1", "session.timeout.ms": "6000", "security.protocol": "SSL", "retry.backoff.ms": "200"])
        // Every name in both lists is a property librdkafka knows.
        for name in KafkaConfiguration.consumerOnlyProperties.union(KafkaConfiguration.producerOnlyProperties) {
            #expect(KafkaConfiguration.isKnownProperty(name, value: "1"), "\(name) is not a librdkafka property")
        }
    }

    @Test("defaults do not override what the operator set")
    func defaults() {
        let configuration = KafkaConfiguration(bootstrapServers: "b:1", properties: ["acks": "1"])
            .withDefaults(["acks": "all", "linger.ms": "5"])
        #expect(configuration["acks"] == "1")
        #expect(configuration["linger.ms"] == "5")
    }
}

@Suite("librdkafka version")
struct LibrdkafkaVersionTests {
    @Test("the loaded librdkafka is 2.2 or newer")
    func loadedVersionIsSupported() throws {
        try Librdkafka.checkVersion()
        #expect(Librdkafka.version >= Librdkafka.minimumVersion)
        #expect(Librdkafka.versionString.hasPrefix("\(Librdkafka.version.major).\(Librdkafka.version.minor)"))
    }

    @Test("version numbers decode from librdkafka's hex form and compare")
    func versionDecoding() {
        let old = Librdkafka.Version(hex: 0x0200_02FF)
        #expect(old.description == "2.0.2")
        #expect(old < Librdkafka.minimumVersion)
        #expect(Librdkafka.Version(hex: 0x0208_00FF) > Librdkafka.minimumVersion)
        let message = Librdkafka.UnsupportedVersion(found: old, required: Librdkafka.minimumVersion).description
        #expect(message.contains("2.0.2") && message.contains("2.2.0"))
    }
}

@Suite("Kafka errors")
struct KafkaErrorTests {
    @Test("fencing and timeouts are recognised from the code")
    func classification() {
        let fenced = KafkaError(code: 90, name: "PRODUCER_FENCED", message: "fenced", isFatal: true)
        #expect(fenced.isFenced)
        #expect(fenced.description.contains("fatal") && fenced.description.contains("fenced"))
        let timeout = KafkaError(code: -192, name: "_MSG_TIMED_OUT", message: "timed out")
        #expect(timeout.isTimeout && !timeout.isFenced)
    }
}
