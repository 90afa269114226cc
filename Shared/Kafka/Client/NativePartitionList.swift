import CRdKafka

/// Conversions between Swift partition values and librdkafka's `rd_kafka_topic_partition_list_t`.
enum NativePartitionList {
    typealias Pointer = UnsafeMutablePointer<rd_kafka_topic_partition_list_t>

    /// Creates a native list (the caller destroys it) holding `offsets`.
    static func make(_ offsets: [TopicPartitionOffset]) -> Pointer {
        let list = rd_kafka_topic_partition_list_new(Int32(max(offsets.count, 1)))!
        for entry in offsets {
            let element = rd_kafka_topic_partition_list_add(list, entry.topic, entry.partition)!
            element.pointee.offset = entry.offset
        }
        return list
    }

    /// Creates a native list for `partitions` with no offsets set.
    static func make(_ partitions: [TopicPartition]) -> Pointer {
        make(partitions.map { TopicPartitionOffset($0, offset: KafkaOffset.invalid) })
    }

    /// Reads the entries of a native list; throws the first per-partition error if asked to.
    static func read(_ list: UnsafePointer<rd_kafka_topic_partition_list_t>?, checkErrors operation: String? = nil)
        throws(KafkaError) -> [TopicPartitionOffset]
    {
        guard let list, let elements = list.pointee.elems else { return [] }
        var result: [TopicPartitionOffset] = []
        result.reserveCapacity(Int(list.pointee.cnt))
        for index in 0..<Int(list.pointee.cnt) {
            let element = elements[index]
            if let operation, element.err != RD_KAFKA_RESP_ERR_NO_ERROR {
                throw KafkaError(element.err, operation: "\(operation) for \(String(cString: element.topic))[\(element.partition)]")
            }
            result.append(TopicPartitionOffset(String(cString: element.topic), element.partition, offset: element.offset))
        }
        return result
    }
}
