/// What a consumer's `poll` returns: a record, a change of the partitions it owns, or the end of
/// a partition.
///
/// A rebalance is completed only when the consumer is polled again: between receiving
/// `.partitionsRevoked` and the next `poll`, the consumer still owns those partitions, so the
/// caller can commit (or abort) its work for them first. Likewise, after `.partitionsAssigned`
/// no record of those partitions is fetched until the next `poll`, so state can be restored first.
public enum ConsumerEvent: Sendable, Equatable {
    /// A record was read.
    case record(ConsumerRecord)
    /// The group gave these partitions to this consumer.
    case partitionsAssigned([TopicPartition])
    /// The group is taking these partitions away, in an orderly way: commit their work now.
    case partitionsRevoked([TopicPartition])
    /// These partitions were lost (session timeout, fencing): another member may own them
    /// already, so uncommitted work for them must be aborted, not committed.
    case partitionsLost([TopicPartition])
    /// The consumer reached the end of a partition (`enable.partition.eof=true` only); `offset`
    /// is the next offset that will be written there.
    case endOfPartition(TopicPartition, offset: Int64)
}
