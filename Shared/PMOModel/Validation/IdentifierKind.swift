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
        let bytes = Array(value.utf8)
        switch self {
        case .project: return Self.fixed(bytes, "PRJ-", [4, 3])
        case .changeRequest: return Self.fixed(bytes, "CR-", [4, 3])
        case .resource: return Self.fixed(bytes, "RES-", [4])
        case .currency: return bytes.count == 3 && bytes.allSatisfy(Self.isUpper)
        case .person: return Self.segments(bytes, separator: UInt8(ascii: "."), first: Self.isLower, rest: Self.isLowerOrDigit,
                                           later: Self.isLower)
        case .department, .slug:
            return Self.segments(bytes, separator: UInt8(ascii: "-"), first: Self.isLower, rest: Self.isLowerOrDigit,
                                 later: Self.isLowerOrDigit)
        case .localReference: return Self.localReference(bytes)
        }
    }

    private static func isUpper(_ byte: UInt8) -> Bool { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) }
    private static func isLower(_ byte: UInt8) -> Bool { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) }
    private static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
    private static func isLowerOrDigit(_ byte: UInt8) -> Bool { isLower(byte) || isDigit(byte) }

    /// `prefix` followed by groups of exactly `digits[i]` digits separated by `-`.
    private static func fixed(_ bytes: [UInt8], _ prefix: String, _ digits: [Int]) -> Bool {
        let head = Array(prefix.utf8)
        guard bytes.starts(with: head) else { return false }
        let groups = bytes[head.count...].split(separator: UInt8(ascii: "-"), omittingEmptySubsequences: false)
        return groups.count == digits.count
            && zip(groups, digits).allSatisfy { group, count in group.count == count && group.allSatisfy(isDigit) }
    }

    /// Non-empty segments split by `separator`: the first segment starts with `first`, later
    /// segments with `later`, and every other byte satisfies `rest`.
    private static func segments(_ bytes: [UInt8], separator: UInt8, first: (UInt8) -> Bool, rest: (UInt8) -> Bool,
                                 later: (UInt8) -> Bool) -> Bool {
        let parts = bytes.split(separator: separator, omittingEmptySubsequences: false)
        for (index, part) in parts.enumerated() {
            guard let head = part.first, (index == 0 ? first(head) : later(head)),
                  part.dropFirst().allSatisfy(rest) else { return false }
        }
        return true
    }

    /// `[A-Z]{1,4}-[0-9]{1,4}(\.[0-9]{1,3})*`.
    private static func localReference(_ bytes: [UInt8]) -> Bool {
        guard let dash = bytes.firstIndex(of: UInt8(ascii: "-")), (1...4).contains(dash),
              bytes[..<dash].allSatisfy(isUpper) else { return false }
        let groups = bytes[(dash + 1)...].split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        for (index, group) in groups.enumerated() {
            guard (1...(index == 0 ? 4 : 3)).contains(group.count), group.allSatisfy(isDigit) else { return false }
        }
        return true
    }
}
