/// Every violation found while decoding a record that does not fit its contract: missing, `null`,
/// mistyped or invalid fields, properties the contract does not define, and the rules of the
/// fields that did decode, each at its JSON Pointer (see ``RecordDecoder``).
public struct DecodingViolations: Error, Hashable, Sendable {
    /// The violations, in the order found.
    public var violations: [Violation]

    /// The violations `violations`.
    public init(_ violations: [Violation]) {
        self.violations = violations
    }
}
