import Foundation

/// Accumulates the violations of one event while its parts validate themselves.
///
/// The helpers mirror the JSON Schema keywords of `schemas/common/types.v1.schema.json`
/// (`minLength`, `pattern`, `minimum`, ...) and report at the same pointer as the schema validator,
/// so a field broken in both places is named identically.
public struct ViolationCollector: Sendable {
    /// Every violation found so far, in the order found.
    public private(set) var violations: [Violation] = []

    /// Creates an empty collector.
    public init() {}

    /// Creates a collector holding `violations` already found.
    public init(_ violations: [Violation]) {
        self.violations = violations
    }

    /// Records a violation unconditionally.
    public mutating func add(_ pointer: JSONPointer, _ message: String) {
        violations.append(Violation(pointer: pointer, message: message))
    }

    /// Records a violation when `condition` is false. The pointer, like the message, is worked out
    /// only then: building one copies its tokens, and most checks find nothing.
    public mutating func require(_ condition: Bool, _ pointer: @autoclosure () -> JSONPointer, _ message: @autoclosure () -> String) {
        if !condition { add(pointer(), message()) }
    }

    /// Text must contain something other than white space.
    public mutating func text(_ value: String, at pointer: @autoclosure () -> JSONPointer) {
        require(Self.hasContent(value), pointer(), "must not be empty")
    }

    /// Whether `value` holds a scalar outside `CharacterSet.whitespacesAndNewlines`: exactly when
    /// trimming that set would leave something, found without building the trimmed string. ASCII
    /// is answered here (tab to carriage return and space are the set's ASCII members); any other
    /// scalar is asked of the set.
    static func hasContent(_ value: String) -> Bool {
        value.unicodeScalars.contains { scalar in
            switch scalar.value {
            case 0x09...0x0D, 0x20: false
            case ..<0x80: true
            default: !CharacterSet.whitespacesAndNewlines.contains(scalar)
            }
        }
    }

    /// Optional text, when present, must contain something other than white space.
    public mutating func text(_ value: String?, at pointer: @autoclosure () -> JSONPointer) {
        if let value { text(value, at: pointer()) }
    }

    /// Every element of a text list must be non-empty.
    public mutating func texts(_ values: [String], at pointer: @autoclosure () -> JSONPointer) {
        for (index, value) in values.enumerated() { text(value, at: pointer() / index) }
    }

    /// A list must have at least one element.
    public mutating func nonEmpty<C: Collection>(_ values: C, at pointer: @autoclosure () -> JSONPointer, _ what: String) {
        require(!values.isEmpty, pointer(), "must list at least one \(what)")
    }

    /// An identifier must be well-formed.
    public mutating func identifier(_ value: String, _ kind: IdentifierKind, at pointer: @autoclosure () -> JSONPointer) {
        require(kind.matches(value), pointer(),
                "'\(value)' is not a well-formed \(kind.rawValue) identifier (expected something like '\(kind.example)')")
    }

    /// An optional identifier, when present, must be well-formed.
    public mutating func identifier(_ value: String?, _ kind: IdentifierKind, at pointer: @autoclosure () -> JSONPointer) {
        if let value { identifier(value, kind, at: pointer()) }
    }

    /// Every identifier of a list must be well-formed.
    public mutating func identifiers(_ values: [String], _ kind: IdentifierKind, at pointer: @autoclosure () -> JSONPointer) {
        for (index, value) in values.enumerated() { identifier(value, kind, at: pointer() / index) }
    }

    /// A quantity (money amount, hours, count) must not be negative.
    public mutating func nonNegative(_ value: Decimal, at pointer: @autoclosure () -> JSONPointer) {
        require(value >= 0, pointer(), "must not be negative (got \(value))")
    }

    /// A quantity (hours, days, count) must not be negative.
    public mutating func nonNegative(_ value: Double, at pointer: @autoclosure () -> JSONPointer) {
        require(value.isFinite && value >= 0, pointer(), "must not be negative (got \(value))")
    }

    /// A count must not be negative.
    public mutating func nonNegative(_ value: Int, at pointer: @autoclosure () -> JSONPointer) {
        require(value >= 0, pointer(), "must not be negative (got \(value))")
    }

    /// A number must be strictly positive.
    public mutating func positive(_ value: Double, at pointer: @autoclosure () -> JSONPointer) {
        require(value.isFinite && value > 0, pointer(), "must be greater than zero (got \(value))")
    }

    /// An integer must be at least `minimum` (revisions and versions start at 1).
    public mutating func atLeast(_ value: Int, _ minimum: Int, at pointer: @autoclosure () -> JSONPointer) {
        require(value >= minimum, pointer(), "must be at least \(minimum) (got \(value))")
    }

    /// A probability must lie in 0...1.
    public mutating func probability(_ value: Double, at pointer: @autoclosure () -> JSONPointer) {
        require((0...1).contains(value), pointer(), "is a probability and must be between 0 and 1 (got \(value))")
    }

    /// An impact or severity score must lie in 1...5.
    public mutating func impact(_ value: Int, at pointer: @autoclosure () -> JSONPointer) {
        require((1...5).contains(value), pointer(), "must be a score from 1 to 5 (got \(value))")
    }

    /// A percentage must lie in 0...100.
    public mutating func percentage(_ value: Double, at pointer: @autoclosure () -> JSONPointer) {
        require((0...100).contains(value), pointer(), "is a percentage and must be between 0 and 100 (got \(value))")
    }

    /// A period's end must not come before its start; reported at the end's pointer().
    public mutating func ordered(_ start: CalendarDate, _ end: CalendarDate, startName: String,
                                 at endPointer: @autoclosure () -> JSONPointer) {
        require(start <= end, endPointer(), "\(end) comes before \(startName) \(start)")
    }

    /// The values must be distinct; reported at the list itself (as JSON Schema's `uniqueItems`),
    /// naming each repeated value and its position.
    public mutating func unique<T: Hashable>(_ values: [T], at pointer: @autoclosure () -> JSONPointer, _ what: String) {
        guard values.count > 1 else { return }
        // The usual short list is compared in place; only a long one fills a set (an empty set
        // allocates nothing).
        let short = values.count <= 16
        var seen = Set<T>()
        if !short { seen.reserveCapacity(values.count) }
        for (index, value) in values.enumerated() {
            let repeated = short ? values[..<index].contains(value) : !seen.insert(value).inserted
            if repeated { add(pointer(), "repeats the \(what) '\(value)' at position \(index)") }
        }
    }

    /// Validates a nested value, its violations under `pointer()`. The value is validated at the
    /// root and any violation found is then moved under `pointer()`, so that the pointer (and every
    /// pointer below it) is built only when something is wrong: building one copies its tokens,
    /// and validating an event with nested records built one per record for every event.
    public mutating func nested(_ value: some Validatable, at pointer: @autoclosure () -> JSONPointer) {
        var found = ViolationCollector()
        value.validate(at: .root, into: &found)
        guard !found.violations.isEmpty else { return }
        // A pointer's text is its tokens' text in order, so the parent's text is a prefix.
        let prefix = pointer().description
        for var violation in found.violations {
            violation.pointer = prefix + violation.pointer
            violations.append(violation)
        }
    }

    /// Validates an optional nested value under `pointer()` when present.
    public mutating func nested(_ value: (some Validatable)?, at pointer: @autoclosure () -> JSONPointer) {
        if let value { nested(value, at: pointer()) }
    }

    /// Validates every element of a list, each under its index below `pointer()`.
    public mutating func each(_ values: [some Validatable], at pointer: @autoclosure () -> JSONPointer) {
        for (index, value) in values.enumerated() { nested(value, at: pointer() / index) }
    }
}
