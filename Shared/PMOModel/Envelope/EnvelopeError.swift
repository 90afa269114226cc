/// Why a record's headers are not a valid CloudEvents 1.0 binary-mode envelope (or a valid
/// dead-letter header set).
public enum EnvelopeError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A required header is absent.
    case missingHeader(String)
    /// A header that must appear once appears several times.
    case repeatedHeader(String)
    /// A header is present but its value is unacceptable.
    case invalidHeader(name: String, value: String, reason: String)

    /// A sentence naming the header and what is wrong.
    public var description: String {
        switch self {
        case .missingHeader(let name): "header '\(name)' is missing"
        case .repeatedHeader(let name): "header '\(name)' appears more than once"
        case .invalidHeader(let name, let value, let reason): "header '\(name)' ('\(value)') \(reason)"
        }
    }
}
