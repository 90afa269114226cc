import CRdKafka

/// The partitioners a record's partition can be computed with, from librdkafka's own
/// implementations, so that a consumer can check where a keyed record *should* be.
public enum Partitioner: String, Sendable, CaseIterable {
    /// The Java client's default (`murmur2` of the key, positive, modulo the partition count):
    /// the partitioner of the topic catalog and of the services' producers.
    case murmur2
    /// `CRC32` of the key: librdkafka's default (`consistent_random`) for keyed records, and so
    /// the default of the C, Python, Go and .NET clients.
    case consistent

    /// The partition of a record with `key` in a topic of `partitions` partitions.
    public func partition(of key: [UInt8], partitions: Int32) -> Int32 {
        precondition(partitions > 0, "a topic has at least one partition")
        return key.withUnsafeBytes { bytes in
            switch self {
            case .murmur2:
                rd_kafka_msg_partitioner_murmur2(nil, bytes.baseAddress, bytes.count, partitions, nil, nil)
            case .consistent:
                rd_kafka_msg_partitioner_consistent(nil, bytes.baseAddress, bytes.count, partitions, nil, nil)
            }
        }
    }
}
