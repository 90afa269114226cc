import Foundation
import PMOModel

/// Checks events against the contracts before anything is published.
public enum EventValidation {
    /// The event type named on the command line: a full `ce_type`, or a unique part of one
    /// (`proposal.submitted`).
    public static func resolveType(_ name: String, registry: EventRegistry = .standard) throws -> String {
        let types = registry.eventTypes
        if types.contains(name) { return name }
        let wanted = name.split(separator: ".")
        let matches = types.filter { type in
            let segments = type.split(separator: ".")
            guard !wanted.isEmpty, wanted.count <= segments.count else { return false }
            return (0...(segments.count - wanted.count)).contains { Array(segments[$0..<($0 + wanted.count)]) == wanted }
        }
        if matches.count == 1 { return matches[0] }
        let list = types.map { "  \($0)" }.joined(separator: "\n")
        if matches.isEmpty {
            throw PmoctlError("unknown event type '\(name)'. The contracts define:\n\(list)", exitCode: 2)
        }
        throw PmoctlError("'\(name)' matches several event types (\(matches.joined(separator: ", "))); name one fully", exitCode: 2)
    }

    /// The decoded, valid events, or every violation found, each prefixed with the event's index
    /// when the document holds several.
    ///
    /// This is the validation the services run on every record (``EventRegistry/decodeValidated(type:data:)``),
    /// so `pmoctl` accepts exactly what they accept: every violation of an event is listed, the
    /// structural ones (missing, mistyped or invalid fields, properties the contract does not
    /// define) with the field and cross-field rules, each at its JSON Pointer.
    public static func check(_ document: EventDocument, type: String,
                             registry: EventRegistry = .standard) -> Result<[any PMOEvent], ViolationReport> {
        var events: [any PMOEvent] = []
        var violations: [Violation] = []
        for (index, data) in document.events.enumerated() {
            let prefix = document.events.count > 1 ? JSONPointer.root / index : JSONPointer.root
            do throws(ContractError) {
                events.append(try registry.decodeValidated(type: type, data: data))
            } catch {
                let found = error.violations.isEmpty
                    ? [Violation(pointer: prefix, message: error.description)]
                    : error.violations.map { Violation(pointer: prefix + $0.pointer, message: $0.message) }
                violations += found
            }
        }
        if violations.isEmpty { return .success(events) }
        return .failure(ViolationReport(origin: document.origin, eventType: type, violations: violations))
    }
}

/// The violations found in a document, printed one per line with their JSON Pointer.
public struct ViolationReport: Error, Equatable, CustomStringConvertible {
    /// Where the document came from.
    public var origin: String
    /// The event type it was checked against.
    public var eventType: String
    /// Every violation.
    public var violations: [Violation]

    public var description: String {
        "\(origin) is not a valid \(eventType) (\(violations.count) violation\(violations.count == 1 ? "" : "s")); nothing was published:\n"
            + violations.map { "  \($0.pointer.isEmpty ? "/" : $0.pointer): \($0.message)" }.joined(separator: "\n")
    }
}

extension JSONPointer {
    /// `prefix` followed by the tokens of the pointer text `suffix`.
    static func + (prefix: JSONPointer, suffix: String) -> JSONPointer {
        guard let parsed = JSONPointer(parsing: suffix) else { return prefix }
        return JSONPointer(tokens: prefix.tokens + parsed.tokens)
    }
}
