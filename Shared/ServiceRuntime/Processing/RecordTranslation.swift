import Foundation
import Kafka
import PMOModel

/// Moves between Kafka records and PMO events: decoding what was consumed (or explaining why it
/// is a dead letter) and encoding what a handler emitted.
@usableFromInline struct RecordTranslation: Sendable {
    @usableFromInline let registry: EventRegistry
    @usableFromInline let serviceName: String
    @usableFromInline let source: String

    @usableFromInline init(registry: EventRegistry, serviceName: String, source: String) {
        self.registry = registry
        self.serviceName = serviceName
        self.source = source
    }

    /// Decodes and validates a consumed record against the contracts.
    @usableFromInline func decode(_ record: ConsumerRecord) -> Result<DecodedEvent, ContractError> {
        Result { () throws(ContractError) in
            try registry.decode(record)
        }
    }

    /// The dead-letter record for `record`: its key, value and headers unchanged, plus headers
    /// naming where it came from and why it was rejected.
    @usableFromInline func deadLetter(for record: ConsumerRecord, errorClass: String, message: String, topic: String,
                    at time: Date) -> ProducerRecord {
        let letter = DeadLetter(originalTopic: record.topic, originalPartition: record.partition,
                                originalOffset: record.offset, errorClass: errorClass, errorMessage: message,
                                service: serviceName, failedAt: time)
        let original = record.headers.map(RecordHeader.init)
        return ProducerRecord(topic: topic, key: record.key, value: record.value,
                              headers: letter.headers(keeping: original).map(KafkaHeader.init))
    }

    /// Checks emitted events as encoding them would, without encoding them.
    @usableFromInline func check(_ emissions: [LatestRecords.DeferredOutput]) throws(ContractError) {
        for output in emissions { try registry.check(output.emission.event) }
    }

    /// Encodes an emitted event, validated, with its CloudEvents headers, for `topic`.
    @usableFromInline func encode(_ emission: Emission, id: String, topic: String, at time: Date) throws(ContractError) -> ProducerRecord {
        ProducerRecord(try registry.encodeAny(emission.event, id: id, source: source, time: time), topic: topic)
    }
}
