/// An RFC 6901 JSON Pointer naming one field of an event, such as `/riskRegister/2/probability`.
///
/// Validation and decoding errors use it so that every tool (the CLI, the dead-letter queue,
/// the JSON Schema validator) names a field the same way.
public struct JSONPointer: Hashable, Sendable, CustomStringConvertible {
    /// The reference tokens, unescaped, from the root down.
    public private(set) var tokens: [String]

    /// The pointer to the whole document (the empty string).
    public static let root = JSONPointer(tokens: [])

    /// Creates a pointer from unescaped reference tokens.
    public init(tokens: [String]) {
        self.tokens = tokens
    }

    /// Parses an RFC 6901 string such as `/a/0/b~1c`; returns `nil` when it does not start with `/`.
    public init?(parsing string: String) {
        if string.isEmpty {
            self.tokens = []
            return
        }
        guard string.hasPrefix("/") else { return nil }
        self.tokens = string.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map {
            $0.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
        }
    }

    /// The pointer to the member `name` of the object this pointer names.
    public func appending(_ name: String) -> JSONPointer {
        JSONPointer(tokens: tokens + [name])
    }

    /// The pointer to element `index` of the array this pointer names.
    public func appending(_ index: Int) -> JSONPointer {
        JSONPointer(tokens: tokens + [String(index)])
    }

    /// Shorthand for `appending(_:)` with a member name.
    public static func / (lhs: JSONPointer, rhs: String) -> JSONPointer { lhs.appending(rhs) }

    /// Shorthand for `appending(_:)` with an array index.
    public static func / (lhs: JSONPointer, rhs: Int) -> JSONPointer { lhs.appending(rhs) }

    /// The escaped RFC 6901 form, `""` for the root.
    public var description: String {
        tokens.map { "/" + $0.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1") }
            .joined()
    }
}

extension JSONPointer {
    /// The pointer for a `Codable` coding path (array positions become indices).
    public init(codingPath: [any CodingKey]) {
        self.init(tokens: codingPath.map { key in
            if let index = key.intValue { return String(index) }
            return key.stringValue
        })
    }
}
