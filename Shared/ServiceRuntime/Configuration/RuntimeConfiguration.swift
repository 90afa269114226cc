import Kafka

/// How one service instance runs: where Kafka is, who the instance is, and the knobs of its
/// transactional loop. Built from `RuntimeOptions` (flags and environment) or directly in tests.
public struct RuntimeConfiguration: Sendable {
    /// Kafka properties every client of the instance starts from (brokers, security, pass-through).
    public var kafka: KafkaConfiguration
    /// This instance's id, unique among the service's instances (pod name, host name).
    public var instanceID: String
    /// The consumer group of the service; also the prefix of its transactional ids.
    public var groupID: String
    /// At most this many records are taken from the consumer per poll (how much the loop reads
    /// at once; independent of how often it commits).
    public var pollRecords: Int
    /// A partition's transaction is committed after this many input records…
    public var commitRecords: Int
    /// …or when it has been open this long, whichever comes first.
    public var commitInterval: Duration
    /// How often time-driven work (`EventProcessor.tick`) runs.
    public var tickInterval: Duration
    /// `transaction.timeout.ms`: the broker aborts a transaction left open longer than this.
    public var transactionTimeout: Duration
    /// Timeout of each transactional call (commit, abort, send offsets).
    public var callTimeout: Duration
    /// How long a graceful shutdown may take before the instance gives up.
    public var shutdownTimeout: Duration
    /// Event identities remembered per key for deduplication.
    public var deduplicationCapacity: Int
    /// Whether missing topics are created at start.
    public var createTopics: Bool
    /// Whether consumed records are decoded on a second thread while they wait to be applied
    /// (`DecodingAhead`); the loop decodes what is not ready either way.
    public var decodesAhead: Bool
    /// How long a partition with records to process may go without a commit before `/healthz`
    /// fails (the stall alarm).
    public var stallLimit: Duration
    /// How long a lagging co-partitioned input is waited for by the merge order.
    public var maximumTaskIdle: Duration
    /// Attempts at a record whose failures are not known to be permanent before it is a poison
    /// record and goes to the dead letters.
    public var maximumRecordAttempts: Int

    public init(kafka: KafkaConfiguration, instanceID: String, groupID: String,
                pollRecords: Int = RuntimeConfiguration.defaultPollRecords,
                commitRecords: Int = RuntimeConfiguration.defaultCommitRecords,
                commitInterval: Duration = RuntimeConfiguration.defaultCommitInterval, tickInterval: Duration = .seconds(30),
                transactionTimeout: Duration = .seconds(60), callTimeout: Duration = .seconds(10),
                shutdownTimeout: Duration = .seconds(30),
                deduplicationCapacity: Int = DeduplicationWindow.defaultCapacity, createTopics: Bool = true,
                decodesAhead: Bool = true,
                stallLimit: Duration = .seconds(120), maximumTaskIdle: Duration = .milliseconds(500),
                maximumRecordAttempts: Int = 3) {
        self.kafka = kafka
        self.instanceID = instanceID
        self.groupID = groupID
        self.pollRecords = pollRecords
        self.commitRecords = commitRecords
        self.commitInterval = commitInterval
        self.tickInterval = tickInterval
        self.transactionTimeout = transactionTimeout
        self.callTimeout = callTimeout
        self.shutdownTimeout = shutdownTimeout
        self.deduplicationCapacity = deduplicationCapacity
        self.createTopics = createTopics
        self.decodesAhead = decodesAhead
        self.stallLimit = stallLimit
        self.maximumTaskIdle = maximumTaskIdle
        self.maximumRecordAttempts = maximumRecordAttempts
    }

    /// Records per poll unless set: see docs/runtime-throughput.md for the measurements.
    public static let defaultPollRecords = 1000
    /// Input records per transaction unless set (see docs/runtime-throughput.md).
    public static let defaultCommitRecords = 5000
    /// Longest a transaction stays open unless set: bounds the latency a commit adds (see
    /// docs/runtime-throughput.md: 50 ms keeps p99 under 250 ms at 5,000 events/s).
    public static let defaultCommitInterval = Duration.milliseconds(50)

    /// The retry limits of each partition's transaction: a commit or an abort is retried for at
    /// most the transaction timeout less one call timeout, so the last attempt ends before the
    /// broker would abort the transaction on its own.
    @usableFromInline var transactionLimits: PartitionTransaction.Limits {
        PartitionTransaction.Limits(retryBudget: max(transactionTimeout - callTimeout, callTimeout))
    }

    /// The consumer of the input topics: in the group, read_committed, no auto-commit, range
    /// assignment (so partition N of every co-partitioned input lands on the same instance).
    @usableFromInline func inputConsumer(service: String) -> KafkaConfiguration {
        kafka.merging([
            "client.id": "\(service)-\(instanceID)",
            "partition.assignment.strategy": "range",
            "statistics.interval.ms": "2000",
            // The merge order needs to know when an input partition has nothing more to give.
            "enable.partition.eof": "true",
        ]).withDefaults([
            "max.poll.interval.ms": "300000",
            // Kafka answers a fetch as soon as data arrives; some compatible brokers (the embedded
            // one among them) hold it for part of the wait, so keep the wait short.
            "fetch.wait.max.ms": "25",
        ])
    }

    /// The transactional producer of one input partition. Its id is stable per partition, so the
    /// next owner of the partition fences this one and aborts whatever it left open, on any broker.
    ///
    /// Unless `linger.ms` is set, its records wait in the producer up to the commit interval
    /// (``defaultLinger(commitInterval:)``): nobody reads them before the commit, whose flush sends
    /// whatever is still waiting at once, so a longer linger adds no latency and makes fewer,
    /// larger produce requests (docs/runtime-throughput.md has the measurements).
    ///
    /// Unless `compression.type` (or its alias `compression.codec`) is set, its batches are
    /// compressed with LZ4 (``defaultCompression``): the outputs and changelog values are JSON,
    /// which LZ4 compresses at little CPU, and the broker's work (and a cluster's
    /// network and disk) follows the bytes it is sent. On the embedded broker a drain of the
    /// monitoring benchmark cost the broker about 40 % less CPU with it, and the service no more.
    @usableFromInline func partitionProducer(service: String, partition: Int32) -> KafkaConfiguration {
        var defaults = ["linger.ms": Self.defaultLinger(commitInterval: commitInterval)]
        // librdkafka applies the two names in the order it is given them: set neither beside the other.
        if kafka["compression.codec"] == nil { defaults["compression.type"] = Self.defaultCompression }
        return kafka.merging([
            "client.id": "\(service)-\(instanceID)-p\(partition)",
            "transactional.id": "\(groupID)-p\(partition)",
            "transaction.timeout.ms": String(transactionTimeout.wholeMilliseconds),
        ]).withDefaults(defaults)
    }

    /// The compression of the transactional producers' batches unless `compression.type` or
    /// `compression.codec` is set.
    @usableFromInline static var defaultCompression: String { "lz4" }

    /// The `linger.ms` of the transactional producers unless set: the commit interval, at least
    /// librdkafka's 5 ms and at most 1 s, so that a long interval does not keep a transaction's
    /// records in the producer's memory until its commit.
    @usableFromInline static func defaultLinger(commitInterval: Duration) -> String {
        String(min(max(commitInterval.wholeMilliseconds, 5), 1000))
    }

    /// The producer of records moved to their key's partition (``ProcessingLoop/reroute(_:to:task:)``):
    /// idempotent, not transactional.
    @usableFromInline func movedRecordsProducer(service: String) -> KafkaConfiguration {
        kafka.merging(["client.id": "\(service)-\(instanceID)-moves"])
    }

    /// A reader of changelog or reference partitions: assigned, read_committed, reports the end.
    @usableFromInline func reader(service: String, purpose: String) -> KafkaConfiguration {
        kafka.merging([
            "client.id": "\(service)-\(instanceID)-\(purpose)",
            "enable.partition.eof": "true",
        ])
    }
}

extension Duration {
    /// Whole milliseconds.
    var wholeMilliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }
}
