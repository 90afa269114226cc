/// How a topic's old records are removed.
public enum CleanupPolicy: String, Sendable, Codable, CaseIterable {
    /// Records expire after the retention time.
    case delete
    /// Only the latest record per key is kept (tables: policy, roster, health, register, changelogs).
    case compact
}

/// What a topic is for.
public enum TopicRole: String, Sendable, Codable, CaseIterable {
    /// Reference data every instance reads in full from all partitions (policy, roster).
    case reference
    /// Events between services and upstream systems.
    case event
    /// A service's dead-letter queue: records it could not decode or validate, with headers.
    case deadLetter = "dead-letter"
    /// A service's compacted state changelog, co-partitioned with its inputs.
    case changelog
}

/// One event type a topic carries, with its JSON Schema.
public struct EventContract: Hashable, Sendable, Codable {
    /// The CloudEvents `ce_type`.
    public var eventType: String
    /// The contract version (the `vN` suffix of the type).
    public var version: Int
    /// The JSON Schema `$id`.
    public var schemaId: String
    /// The schema's path in the repository.
    public var schemaPath: String

    /// The contract of a Swift event type.
    public init(_ type: any PMOEvent.Type) {
        eventType = type.eventType
        version = type.schemaVersion
        schemaId = type.schemaId
        schemaPath = "schemas/events/\(type.eventType).schema.json"
    }
}

/// One Kafka topic of the system: everything needed to create it, document it and check who
/// uses it.
public struct TopicSpec: Hashable, Sendable, Codable {
    /// The topic name, e.g. `pmo.status.reports`.
    public var name: String
    /// One line on what flows through it.
    public var summary: String
    /// What its record key is.
    public var key: RecordKeyKind
    /// The event types it carries (empty for dead-letter and changelog topics, whose values are
    /// the rejected records and service state).
    public var events: [EventContract]
    /// Partition count when the topic is created.
    public var partitions: Int
    /// Cleanup policy.
    public var cleanupPolicy: CleanupPolicy
    /// `retention.ms`, `nil` for the broker's default (compacted topics keep the latest record per key).
    public var retentionMs: Int64?
    /// The single writer.
    public var writer: TopicParticipant
    /// Who reads it.
    public var readers: [TopicParticipant]
    /// What it is for.
    public var role: TopicRole

    /// Creates a topic description.
    public init(name: String, summary: String, key: RecordKeyKind, events: [any PMOEvent.Type], partitions: Int,
                cleanupPolicy: CleanupPolicy, retentionMs: Int64? = nil, writer: TopicParticipant,
                readers: [TopicParticipant], role: TopicRole) {
        self.name = name
        self.summary = summary
        self.key = key
        self.events = events.map(EventContract.init)
        self.partitions = partitions
        self.cleanupPolicy = cleanupPolicy
        self.retentionMs = retentionMs
        self.writer = writer
        self.readers = readers
        self.role = role
    }

    /// The topic-level configuration to create it with (`cleanup.policy`, `retention.ms`).
    public var kafkaConfig: [String: String] {
        var config = ["cleanup.policy": cleanupPolicy.rawValue]
        if let retentionMs { config["retention.ms"] = String(retentionMs) }
        return config
    }

    /// Whether the topic carries `eventType`.
    public func carries(_ eventType: String) -> Bool {
        events.contains { $0.eventType == eventType }
    }
}
