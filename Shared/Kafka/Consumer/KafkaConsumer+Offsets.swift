import CRdKafka

extension KafkaConsumer {
    /// Commits `offsets` (each the next offset to read) for the group and waits for the broker.
    public func commit(_ offsets: [TopicPartitionOffset]) async throws(KafkaError) {
        guard !offsets.isEmpty else { return }
        let handle = self.handle
        try await blocking.run { () throws(KafkaError) in
            let list = NativePartitionList.make(offsets)
            defer { rd_kafka_topic_partition_list_destroy(list) }
            try KafkaError.check(rd_kafka_commit(handle.pointer, list, 0), "committing offsets")
            _ = try NativePartitionList.read(list, checkErrors: "committing the offset")
        }
    }

    /// The group's committed offsets for `partitions` (`KafkaOffset.invalid` where none).
    public func committed(_ partitions: [TopicPartition], timeout: Duration = .seconds(10))
        async throws(KafkaError) -> [TopicPartitionOffset]
    {
        let handle = self.handle
        return try await blocking.run { () throws(KafkaError) -> [TopicPartitionOffset] in
            let list = NativePartitionList.make(partitions)
            defer { rd_kafka_topic_partition_list_destroy(list) }
            try KafkaError.check(rd_kafka_committed(handle.pointer, list, timeout.milliseconds), "reading committed offsets")
            return try NativePartitionList.read(list, checkErrors: "reading the committed offset")
        }
    }

    /// For each partition, the offset of its first record whose timestamp is at or after
    /// `milliseconds` since the epoch, or ``KafkaOffset/end`` when it has none: where to start
    /// reading a window of recent history.
    public func offsets(for partitions: [TopicPartition], atOrAfter milliseconds: Int64, timeout: Duration = .seconds(10))
        async throws(KafkaError) -> [TopicPartitionOffset]
    {
        guard !partitions.isEmpty else { return [] }
        let handle = self.handle
        return try await blocking.run { () throws(KafkaError) -> [TopicPartitionOffset] in
            // offsets_for_times takes the timestamp in each entry's offset field.
            let list = NativePartitionList.make(partitions.map { TopicPartitionOffset($0, offset: milliseconds) })
            defer { rd_kafka_topic_partition_list_destroy(list) }
            try KafkaError.check(rd_kafka_offsets_for_times(handle.pointer, list, timeout.milliseconds), "looking up offsets by time")
            return try NativePartitionList.read(list, checkErrors: "looking up the offset by time")
        }
    }

    /// The consumer's position in `partitions`: the offset of the next record it will return.
    public func position(_ partitions: [TopicPartition]) throws(KafkaError) -> [TopicPartitionOffset] {
        let list = NativePartitionList.make(partitions)
        defer { rd_kafka_topic_partition_list_destroy(list) }
        try KafkaError.check(rd_kafka_position(handle.pointer, list), "reading positions")
        return try NativePartitionList.read(list)
    }

    /// Moves the consumer to the given offsets in partitions it is assigned.
    public func seek(_ offsets: [TopicPartitionOffset], timeout: Duration = .seconds(10)) async throws(KafkaError) {
        guard !offsets.isEmpty else { return }
        let handle = self.handle
        try await blocking.run { () throws(KafkaError) in
            let list = NativePartitionList.make(offsets)
            defer { rd_kafka_topic_partition_list_destroy(list) }
            try KafkaError.check(rd_kafka_seek_partitions(handle.pointer, list, timeout.milliseconds), "seeking")
            _ = try NativePartitionList.read(list, checkErrors: "seeking")
        }
    }

    /// Stops fetching from `partitions` until `resume`; the consumer stays in the group.
    public func pause(_ partitions: [TopicPartition]) throws(KafkaError) {
        let list = NativePartitionList.make(partitions)
        defer { rd_kafka_topic_partition_list_destroy(list) }
        try KafkaError.check(rd_kafka_pause_partitions(handle.pointer, list), "pausing partitions")
        _ = try NativePartitionList.read(list, checkErrors: "pausing")
    }

    /// Starts fetching again from paused `partitions`.
    public func resume(_ partitions: [TopicPartition]) throws(KafkaError) {
        let list = NativePartitionList.make(partitions)
        defer { rd_kafka_topic_partition_list_destroy(list) }
        try KafkaError.check(rd_kafka_resume_partitions(handle.pointer, list), "resuming partitions")
        _ = try NativePartitionList.read(list, checkErrors: "resuming")
    }

    /// The low (oldest) and high (next to be written) offsets of a partition, asked of the broker.
    public func watermarks(_ partition: TopicPartition, timeout: Duration = .seconds(10))
        async throws(KafkaError) -> (low: Int64, high: Int64)
    {
        let handle = self.handle
        return try await blocking.run { () throws(KafkaError) -> (low: Int64, high: Int64) in
            var low: Int64 = 0
            var high: Int64 = 0
            try KafkaError.check(
                rd_kafka_query_watermark_offsets(handle.pointer, partition.topic, partition.partition,
                                                 &low, &high, timeout.milliseconds),
                "reading the watermarks of \(partition)")
            return (low, high)
        }
    }
}
