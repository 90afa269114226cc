/// A topic to create: its name, partition count, replication factor and topic configs
/// (`cleanup.policy`, `retention.ms`, …).
public struct NewTopic: Sendable, Hashable {
    public var name: String
    public var partitions: Int32
    /// `nil` uses the broker's default replication factor.
    public var replicationFactor: Int32?
    public var configs: [String: String]

    public init(name: String, partitions: Int32, replicationFactor: Int32? = nil, configs: [String: String] = [:]) {
        self.name = name
        self.partitions = partitions
        self.replicationFactor = replicationFactor
        self.configs = configs
    }
}

/// What the cluster reports about a topic.
public struct TopicMetadata: Sendable, Hashable {
    public var name: String
    public var partitions: Int32
}

/// The outcome of creating one topic.
public enum TopicCreation: Sendable, Equatable {
    case created
    case alreadyExisted
}
