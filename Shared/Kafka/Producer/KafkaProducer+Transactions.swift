import CRdKafka

extension KafkaProducer {
    /// Registers the producer's `transactional.id` with the coordinator, fencing any older
    /// instance with the same id. Call once, before the first transaction.
    public func initTransactions(timeout: Duration = .seconds(30)) async throws(KafkaError) {
        let handle = self.handle
        try await blocking.run { () throws(KafkaError) in
            try KafkaError.check(rd_kafka_init_transactions(handle.pointer, timeout.milliseconds), "initialising transactions")
        }
    }

    /// Starts a transaction; every record produced until commit or abort belongs to it. The call
    /// waits for librdkafka's main thread, so it runs on the client's blocking-call thread.
    public func beginTransaction() async throws(KafkaError) {
        let handle = self.handle
        try await blocking.run { () throws(KafkaError) in
            try KafkaError.check(rd_kafka_begin_transaction(handle.pointer), "beginning a transaction")
        }
    }

    /// Adds the consumer group's offsets to the open transaction, so that they are committed
    /// atomically with the records produced in it.
    ///
    /// - Parameter offsets: for each partition, the offset of the next record to consume.
    public func sendOffsetsToTransaction(_ offsets: [TopicPartitionOffset], consumer: KafkaConsumer,
                                         timeout: Duration = .seconds(30)) async throws(KafkaError) {
        guard !offsets.isEmpty else { return }
        let handle = self.handle
        let consumerHandle = consumer.handle
        try await blocking.run { () throws(KafkaError) in
            guard let metadata = rd_kafka_consumer_group_metadata(consumerHandle.pointer) else {
                throw .client("the consumer has no group metadata", code: RD_KAFKA_RESP_ERR__STATE)
            }
            defer { rd_kafka_consumer_group_metadata_destroy(metadata) }
            let list = NativePartitionList.make(offsets)
            defer { rd_kafka_topic_partition_list_destroy(list) }
            let error = rd_kafka_send_offsets_to_transaction(handle.pointer, list, metadata, timeout.milliseconds)
            try KafkaError.check(error, "sending offsets to the transaction")
        }
    }

    /// Flushes the transaction's records and commits it.
    public func commitTransaction(timeout: Duration = .seconds(30)) async throws(KafkaError) {
        let handle = self.handle
        try await blocking.run { () throws(KafkaError) in
            try KafkaError.check(rd_kafka_commit_transaction(handle.pointer, timeout.milliseconds), "committing the transaction")
        }
    }

    /// Aborts the open transaction: its records are never shown to `read_committed` consumers.
    public func abortTransaction(timeout: Duration = .seconds(30)) async throws(KafkaError) {
        let handle = self.handle
        try await blocking.run { () throws(KafkaError) in
            try KafkaError.check(rd_kafka_abort_transaction(handle.pointer, timeout.milliseconds), "aborting the transaction")
        }
    }
}
