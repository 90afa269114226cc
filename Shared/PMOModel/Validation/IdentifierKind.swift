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

    /// Whether `value` is a well-formed identifier of this kind.
    public func matches(_ value: String) -> Bool {
        guard let regex = try? Regex(pattern) else { return false }
        return value.wholeMatch(of: regex) != nil
    }
}
