/// The most recent event identities (`ce_source` and `ce_id`) applied to one key, so that a
/// redelivered event is recognised and skipped. Bounded: the oldest identity is forgotten when
/// `capacity` is reached. It is part of the key's persisted state, so it survives restarts.
public struct DeduplicationWindow: Sendable, Equatable, Codable {
    /// How many identities are kept per key by default.
    public static let defaultCapacity = 256

    private(set) var identities: [String]
    private var index: Set<String>
    let capacity: Int

    public init(capacity: Int = DeduplicationWindow.defaultCapacity) {
        self.identities = []
        self.index = []
        self.capacity = max(1, capacity)
    }

    /// The identity of an event from `source` with id `id`.
    public static func identity(source: String, id: String) -> String {
        "\(source) \(id)"
    }

    /// True when `identity` was recorded and not yet forgotten.
    public func contains(_ identity: String) -> Bool {
        index.contains(identity)
    }

    /// Records `identity`, forgetting the oldest when full.
    public mutating func insert(_ identity: String) {
        guard index.insert(identity).inserted else { return }
        identities.append(identity)
        if identities.count > capacity {
            let overflow = identities.count - capacity
            for forgotten in identities[..<overflow] { index.remove(forgotten) }
            identities.removeFirst(overflow)
        }
    }

    private enum CodingKeys: String, CodingKey { case identities, capacity }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        capacity = try container.decodeIfPresent(Int.self, forKey: .capacity) ?? Self.defaultCapacity
        identities = Array(try container.decode([String].self, forKey: .identities).suffix(capacity))
        index = Set(identities)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(identities, forKey: .identities)
        try container.encode(capacity, forKey: .capacity)
    }
}
