/// Where an input event came from: its CloudEvents id, source and type, kept so that a refusal
/// can name exactly the event it refuses.
public struct InputOrigin: Codable, Sendable, Equatable {
    /// `ce_id` of the input.
    public var id: String
    /// `ce_source` of the input.
    public var source: String
    /// `ce_type` of the input.
    public var type: String

    /// An origin from its CloudEvents attributes.
    public init(id: String, source: String, type: String) {
        self.id = id
        self.source = source
        self.type = type
    }
}
