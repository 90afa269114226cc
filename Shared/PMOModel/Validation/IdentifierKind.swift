/// The identifier formats of the PMO domain, each with the regular expression its JSON Schema
/// definition uses (`schemas/common/types.v1.schema.json`), so both sides accept the same strings.
public enum IdentifierKind: String, Sendable, CaseIterable {
    /// A project, for example `PRJ-2026-014` (also the proposal's identifier).
    case project
    /// A person of the roster, for example `amelie.moreau`.
    case person
    /// A schedulable resource, for example `RES-0107`.
    case resource
    /// A department, for example `finance` or `it-operations`.
    case department
    /// A change request, for example `CR-2026-031`.
    case changeRequest
    /// An item local to a document: risk `R-3`, issue `I-12`, milestone `MS-2`, work package `WP-1.2`.
    case localReference
    /// A configuration document or a short code (policy id, criterion code), for example `pmo-policy`.
    case slug
    /// An ISO 4217 currency code, for example `EUR`.
    case currency

    /// The anchored regular expression the identifier must match.
    public var pattern: String {
        switch self {
        case .project: "^PRJ-[0-9]{4}-[0-9]{3}$"
        case .person: "^[a-z][a-z0-9]*(\\.[a-z][a-z0-9]*)*$"
        case .resource: "^RES-[0-9]{4}$"
        case .department, .slug: "^[a-z][a-z0-9]*(-[a-z0-9]+)*$"
        case .changeRequest: "^CR-[0-9]{4}-[0-9]{3}$"
        case .localReference: "^[A-Z]{1,4}-[0-9]{1,4}(\\.[0-9]{1,3})*$"
        case .currency: "^[A-Z]{3}$"
        }
    }

    /// An example of a well-formed identifier, used in messages.
    public var example: String {
        switch self {
        case .project: "PRJ-2026-014"
        case .person: "amelie.moreau"
        case .resource: "RES-0107"
        case .department: "finance"
        case .changeRequest: "CR-2026-031"
        case .localReference: "R-3"
        case .slug: "pmo-policy"
        case .currency: "EUR"
        }
    }

    /// Whether `value` is a well-formed identifier of this kind: the same language as ``pattern``,
    /// matched by hand because validation runs on every record (a test checks both agree).
    public func matches(_ value: String) -> Bool {
        // Read in place: an identifier is checked in every event in and out, so no copies.
        var value = value
        return value.withUTF8 { bytes in
            switch self {
            case .project: Self.fixed(bytes, "PRJ-", 4, 3)
            case .changeRequest: Self.fixed(bytes, "CR-", 4, 3)
            case .resource: Self.fixed(bytes, "RES-", 4)
            case .currency: bytes.count == 3 && bytes.allSatisfy(Self.isUpper)
            case .person: Self.segments(bytes, separator: UInt8(ascii: "."), first: Self.isLower, rest: Self.isLowerOrDigit,
                                        later: Self.isLower)
            case .department, .slug:
                Self.segments(bytes, separator: UInt8(ascii: "-"), first: Self.isLower, rest: Self.isLowerOrDigit,
                              later: Self.isLowerOrDigit)
            case .localReference: Self.localReference(bytes)
            }
        }
    }

    private static func isUpper(_ byte: UInt8) -> Bool { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) }
    private static func isLower(_ byte: UInt8) -> Bool { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) }
    private static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
    private static func isLowerOrDigit(_ byte: UInt8) -> Bool { isLower(byte) || isDigit(byte) }

    /// `prefix` followed by exactly `first` digits, then, when `second` is not 0, `-` and exactly
    /// `second` digits.
    private static func fixed(_ bytes: UnsafeBufferPointer<UInt8>, _ prefix: StaticString, _ first: Int,
                              _ second: Int = 0) -> Bool {
        let head = prefix.utf8CodeUnitCount
        let firstEnd = head + first
        guard bytes.count == firstEnd + (second > 0 ? 1 + second : 0),
              prefix.withUTF8Buffer({ $0.elementsEqual(bytes[..<head]) }),
              bytes[head..<firstEnd].allSatisfy(isDigit) else { return false }
        return second == 0 || (bytes[firstEnd] == UInt8(ascii: "-") && bytes[(firstEnd + 1)...].allSatisfy(isDigit))
    }

    /// Non-empty segments split by `separator`: the first segment starts with `first`, later
    /// segments with `later`, and every other byte satisfies `rest`.
    private static func segments(_ bytes: UnsafeBufferPointer<UInt8>, separator: UInt8, first: (UInt8) -> Bool,
                                 rest: (UInt8) -> Bool, later: (UInt8) -> Bool) -> Bool {
        var atSegmentStart = true
        var inFirstSegment = true
        for byte in bytes {
            if byte == separator {
                guard !atSegmentStart else { return false }
                atSegmentStart = true
                inFirstSegment = false
            } else if atSegmentStart {
                guard inFirstSegment ? first(byte) : later(byte) else { return false }
                atSegmentStart = false
            } else {
                guard rest(byte) else { return false }
            }
        }
        return !atSegmentStart
    }

    /// `[A-Z]{1,4}-[0-9]{1,4}(\.[0-9]{1,3})*`.
    private static func localReference(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let dash = bytes.firstIndex(of: UInt8(ascii: "-")), (1...4).contains(dash),
              bytes[..<dash].allSatisfy(isUpper) else { return false }
        var groupLength = 0
        var longest = 4
        for byte in bytes[(dash + 1)...] {
            if byte == UInt8(ascii: ".") {
                guard (1...longest).contains(groupLength) else { return false }
                groupLength = 0
                longest = 3
            } else {
                guard isDigit(byte) else { return false }
                groupLength += 1
            }
        }
        return (1...longest).contains(groupLength)
    }
}
