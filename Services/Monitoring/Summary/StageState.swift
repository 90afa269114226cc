import Foundation
import Kafka
import Logging
import Monitoring
import PMOModel
import ServiceRuntime

/// What the summary stage has read: the register, the policy, and which partitions it has yet to
/// read to their end once.
struct StageState: Sendable {
    var register = PortfolioRegister()
    var reference = ReferenceData()
    /// The register and policy partitions not yet read to their end.
    var unfinished: Set<TopicPartition>
    private let registry = EventRegistry.standard

    init(unfinished: Set<TopicPartition>) {
        self.unfinished = unfinished
    }

    /// Whether every register and policy partition has been read to its end once.
    var loaded: Bool { unfinished.isEmpty }

    /// Applies one consumer event: a register entry, a policy, a tombstone, or the end of a
    /// partition. A record that cannot be decoded, or of another type, is logged and skipped.
    mutating func receive(_ event: ConsumerEvent, registerTopic: String, logger: Logger) {
        switch event {
        case .record(let record):
            if record.value == nil, record.topic == registerTopic, let projectId = record.keyString {
                register.remove(projectId: projectId)
                return
            }
            let decoded = Result { () throws(ContractError) in
                try registry.decode(record)
            }
            switch decoded {
            case .success(let decoded):
                switch decoded.event {
                case let entry as PortfolioEntryUpdated: register.apply(entry)
                case let policy as PolicyPublished: reference.apply(policy)
                default: skip(record, because: "unexpected event type \(decoded.attributes.type)", logger: logger)
                }
            case .failure(let error):
                skip(record, because: "\(error)", errorClass: error.errorClass, logger: logger)
            }
        case .endOfPartition(let partition, _):
            if unfinished.remove(partition) != nil, unfinished.isEmpty {
                logger.info("portfolio register and policy loaded", metadata: ["pmo.projects": "\(register.count)"])
            }
        default:
            break
        }
    }

    private func skip(_ record: ConsumerRecord, because reason: String, errorClass: String = "unexpected-type",
                      logger: Logger) {
        logger.error("record skipped: \(reason)", metadata: [
            "kafka.topic": "\(record.topic)", "kafka.partition": "\(record.partition)",
            "kafka.offset": "\(record.offset)", "pmo.error_class": "\(errorClass)",
        ])
    }
}
