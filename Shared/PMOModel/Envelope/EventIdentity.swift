/// The identity of an event for deduplication: CloudEvents requires (`ce_source`, `ce_id`) to be
/// unique, so a consumer that has applied an identity skips any record carrying it again.
/// `Codable` so that services can keep recently applied identities in their state.
public struct EventIdentity: Hashable, Sendable, Codable, CustomStringConvertible {
    /// `ce_source`.
    public var source: String
    /// `ce_id`.
    public var id: String

    /// Creates an identity.
    public init(source: String, id: String) {
        self.source = source
        self.id = id
    }

    /// `<source>#<id>`.
    public var description: String { "\(source)#\(id)" }
}
