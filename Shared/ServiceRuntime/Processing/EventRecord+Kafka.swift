import Kafka
import PMOModel

// The one bridge between Kafka's records and the PMO model's: every service, tool and test that
// reads or writes PMO events on Kafka goes through these instead of converting headers by hand.

extension EventRegistry {
    /// Decodes and validates a consumed record: its CloudEvents headers, key and value.
    public func decode(_ record: ConsumerRecord) throws(ContractError) -> DecodedEvent {
        try decode(headers: record.headers.map(RecordHeader.init), key: record.keyString, value: record.value ?? [])
    }
}

extension ProducerRecord {
    /// The record of an encoded event for `topic`: its key, value and CloudEvents headers.
    public init(_ event: EventRecord, topic: String, partition: Int32? = nil) {
        self.init(topic: topic, partition: partition, key: Array(event.key.utf8), value: event.value,
                  headers: event.headers.map(KafkaHeader.init))
    }
}

extension RecordHeader {
    /// The PMOModel view of a Kafka header (a missing value becomes empty bytes).
    public init(_ header: KafkaHeader) {
        self.init(name: header.name, value: header.value ?? [])
    }
}

extension KafkaHeader {
    /// The Kafka view of a PMOModel header.
    public init(_ header: RecordHeader) {
        self.init(name: header.name, value: header.value)
    }
}
