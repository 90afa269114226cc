/// Why the runtime stopped processing: the instance must exit non-zero, so that the orchestrator
/// starts a fresh one.
public struct FatalProcessingError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
