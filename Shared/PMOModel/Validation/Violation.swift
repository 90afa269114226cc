/// One broken rule in an event: the field it concerns and a sentence a person can act on.
public struct Violation: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The JSON Pointer of the offending field, for example `/riskRegister/2/probability`.
    public var pointer: String
    /// A human sentence saying what is wrong and what is expected.
    public var message: String

    /// Creates a violation at `pointer`.
    public init(pointer: JSONPointer, message: String) {
        self.pointer = pointer.description
        self.message = message
    }

    /// `"<pointer>: <message>"`, with `/` standing for the whole event.
    public var description: String {
        "\(pointer.isEmpty ? "/" : pointer): \(message)"
    }
}
