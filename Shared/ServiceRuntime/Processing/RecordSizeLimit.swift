import Kafka
import PMOModel

/// The largest record the instance's producers can write (`message.max.bytes`, librdkafka's
/// default 1,000,000), counted as librdkafka counts it: key, value and headers plus the record's
/// framing. Outputs and changelog state are checked against it *before* anything is produced, so
/// that an oversized one becomes a clear dead letter instead of a failed transaction; dead
/// letters are cut to fit it.
public struct RecordSizeLimit: Sendable, Equatable {
    /// Bytes kept free for the record's framing and each header's length fields.
    public static let framing = 512
    public static let perHeader = 16

    /// `message.max.bytes`.
    public let maximum: Int

    public init(maximum: Int) {
        self.maximum = maximum
    }

    /// The limit configured for the instance's producers.
    public init(configuration: KafkaConfiguration) {
        self.init(maximum: configuration["message.max.bytes"].flatMap { Int($0) } ?? 1_000_000)
    }

    /// The bytes `record` takes against the limit.
    public func size(of record: ProducerRecord) -> Int {
        size(keyBytes: record.key?.count ?? 0, valueBytes: record.value?.count ?? 0)
            + record.headers.reduce(0) { $0 + Self.perHeader + $1.name.utf8.count + ($1.value?.count ?? 0) }
    }

    /// The bytes a record without headers takes against the limit.
    public func size(keyBytes: Int, valueBytes: Int) -> Int {
        Self.framing + keyBytes + valueBytes
    }

    /// Whether `record` can be produced.
    public func admits(_ record: ProducerRecord) -> Bool {
        size(of: record) <= maximum
    }

    /// `letter` made to fit: unchanged when it does; otherwise its value cut to what fits (or,
    /// with `valueDropped`, removed), with headers saying so and giving the original size.
    public func fitting(_ letter: ProducerRecord, valueDropped: Bool = false) -> ProducerRecord {
        if !valueDropped && admits(letter) { return letter }
        let originalSize = letter.value?.count ?? 0
        var fitted = letter
        fitted.headers.append(KafkaHeader(name: DeadLetter.Header.originalSize, string: String(originalSize)))
        fitted.headers.append(KafkaHeader(name: DeadLetter.Header.truncated, string: "value"))
        fitted.value = []
        let room = maximum - size(of: fitted)
        if !valueDropped, room > 0, let value = letter.value {
            fitted.value = Array(value.prefix(room))
        } else {
            fitted.value = nil
            fitted.headers[fitted.headers.count - 1] = KafkaHeader(name: DeadLetter.Header.truncated, string: "headers")
        }
        return fitted
    }
}
