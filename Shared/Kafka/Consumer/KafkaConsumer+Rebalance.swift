import CRdKafka

/// A rebalance that the caller has been told about and that is applied on the next poll.
struct PendingRebalance: Sendable {
    enum Kind: Sendable { case assign, revoke }
    var kind: Kind
    var partitions: [TopicPartition]
    var cooperative: Bool
}

extension KafkaConsumer {
    /// Records a rebalance event for the next poll and describes it to the caller.
    func recordRebalance(_ event: OpaquePointer) -> ConsumerEvent {
        let err = rd_kafka_event_error(event)
        let partitions = ((try? NativePartitionList.read(rd_kafka_event_topic_partition_list(event))) ?? [])
            .map(\.topicPartition)
        let cooperative = String(cString: rd_kafka_rebalance_protocol(handle.pointer)) == "COOPERATIVE"
        if err == RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS {
            pendingRebalance.withLock { $0 = PendingRebalance(kind: .assign, partitions: partitions, cooperative: cooperative) }
            logger.info("partitions assigned", metadata: ["kafka.partitions": "\(partitions)"])
            return .partitionsAssigned(partitions)
        }
        let lost = rd_kafka_assignment_lost(handle.pointer) != 0
        pendingRebalance.withLock { $0 = PendingRebalance(kind: .revoke, partitions: partitions, cooperative: cooperative) }
        logger.info(lost ? "partitions lost" : "partitions revoked", metadata: ["kafka.partitions": "\(partitions)"])
        return lost ? .partitionsLost(partitions) : .partitionsRevoked(partitions)
    }

    /// Completes a rebalance the caller has seen: assigns or gives up the partitions.
    func applyPendingRebalance() throws(KafkaError) {
        guard let pending = pendingRebalance.withLock({ value -> PendingRebalance? in
            defer { value = nil }
            return value
        }) else { return }
        let list = NativePartitionList.make(pending.partitions)
        defer { rd_kafka_topic_partition_list_destroy(list) }
        switch (pending.kind, pending.cooperative) {
        case (.assign, false):
            try KafkaError.check(rd_kafka_assign(handle.pointer, list), "assigning partitions")
        case (.assign, true):
            try KafkaError.check(rd_kafka_incremental_assign(handle.pointer, list), "assigning partitions")
        case (.revoke, false):
            try KafkaError.check(rd_kafka_assign(handle.pointer, nil), "giving up partitions")
        case (.revoke, true):
            try KafkaError.check(rd_kafka_incremental_unassign(handle.pointer, list), "giving up partitions")
        }
    }

    /// Leaves the group in an orderly way (the group rebalances at once instead of waiting for
    /// the session to time out). Commit what must be committed before calling it.
    public func close() async throws(KafkaError) {
        guard !closed.exchange(true, ordering: .acquiringAndReleasing) else { return }
        let consumer = self
        try await blocking.run { () throws(KafkaError) in
            try? consumer.applyPendingRebalance()
            guard let queue = consumer.handle.queue else { return }
            try KafkaError.check(rd_kafka_consumer_close_queue(consumer.handle.pointer, queue), "closing the consumer")
            while rd_kafka_consumer_closed(consumer.handle.pointer) == 0 {
                guard let event = rd_kafka_queue_poll(queue, 100) else { continue }
                if rd_kafka_event_type(event) == RD_KAFKA_EVENT_REBALANCE {
                    _ = consumer.recordRebalance(event)
                    try? consumer.applyPendingRebalance()
                }
                rd_kafka_event_destroy(event)
            }
        }
    }
}
