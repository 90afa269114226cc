import Foundation

/// Decodes the fields of one JSON object of the contracts and lists every problem instead of
/// stopping at the first one.
///
/// Every generated `init(from:)` (and ``Money``'s) decodes through it, so the services, `pmoctl`
/// and the contract tests read a record the way its JSON Schema does:
///
/// - a field that is missing, `null`, of the wrong type or not a valid value (a calendar date that
///   does not exist, an unknown enumeration value) is reported at its own JSON Pointer, and the
///   other fields are still decoded and checked;
/// - a property the object does not define is reported at its pointer, as the schemas'
///   `additionalProperties: false` rejects it;
/// - when anything failed, the fields that did decode are still checked (the generated code passes
///   their checks to ``failure(checking:)``) and the whole list is thrown as ``DecodingViolations``.
///
/// The valid path costs one keyed container per object, as plain `Codable` decoding does, plus
/// one look at the object's key count; a list is re-read element by element only when it failed.
public struct RecordDecoder<Keys: CodingKey> {
    private let container: KeyedDecodingContainer<FieldName>
    private var problems: [Violation] = []
    private var presentFields = 0

    /// Opens the object `decoder` holds; throws a `DecodingError` when it is not an object.
    public init(_ decoder: any Decoder, keyedBy keys: Keys.Type) throws {
        container = try decoder.container(keyedBy: FieldName.self)
    }

    /// The position of the object in the event (computed on demand: only failures need it).
    public var pointer: JSONPointer { JSONPointer(codingPath: container.codingPath) }

    /// Whether a field has failed to decode.
    public var hasFailed: Bool { !problems.isEmpty }

    /// A required field; `nil` (and a recorded violation) when it is missing or does not decode.
    public mutating func decode<T: Decodable>(_ type: T.Type, _ key: Keys) -> T? {
        let name = FieldName(key.stringValue)
        do {
            let value = try container.decode(T.self, forKey: name)
            presentFields += 1
            return value
        } catch {
            record(error, at: name)
            return nil
        }
    }

    /// An optional field; `nil` when absent, or (with a recorded violation) when present but not
    /// decodable. An explicit `null` is a violation, as in the schemas.
    public mutating func decodeIfPresent<T: Decodable>(_ type: T.Type, _ key: Keys) -> T? {
        let name = FieldName(key.stringValue)
        guard container.contains(name) else { return nil }
        return decode(T.self, key)
    }

    /// A required whole number (see ``KeyedDecodingContainer/decodeWholeNumber(forKey:)``).
    public mutating func wholeNumber(_ key: Keys) -> Int? {
        let name = FieldName(key.stringValue)
        do {
            let value = try container.decodeWholeNumber(forKey: name)
            presentFields += 1
            return value
        } catch {
            record(error, at: name)
            return nil
        }
    }

    /// An optional whole number; `nil` when absent or (recorded) not a whole number.
    public mutating func wholeNumberIfPresent(_ key: Keys) -> Int? {
        guard container.contains(FieldName(key.stringValue)) else { return nil }
        return wholeNumber(key)
    }

    /// A list field; an absent list is empty unless `required`. When an element fails, every
    /// element is read again on its own so that each failure is reported, and the elements that
    /// did decode are checked with `check` (their pointer and the collector are passed to it).
    public mutating func list<T: Decodable>(
        _ type: T.Type, _ key: Keys, required: Bool,
        checking check: (T, JSONPointer, inout ViolationCollector) -> Void = { _, _, _ in }
    ) -> [T]? {
        let name = FieldName(key.stringValue)
        if !required, !container.contains(name) { return [] }
        do {
            let value = try container.decode([T].self, forKey: name)
            presentFields += 1
            return value
        } catch {
            guard var elements = try? container.nestedUnkeyedContainer(forKey: name) else {
                record(error, at: name)
                return nil
            }
            presentFields += 1
            let here = pointer / name.stringValue
            var checks = ViolationCollector()
            var index = 0
            while !elements.isAtEnd {
                do {
                    check(try elements.decode(T.self), here / index, &checks)
                } catch {
                    problems += Self.violations(for: error, at: here / index)
                    _ = try? elements.decode(Skipped.self)
                }
                index += 1
            }
            problems += checks.violations
            return nil
        }
    }

    /// The value decoded completely: throws when the object also holds properties it does not
    /// define, listing them with every violation of `value` (its field and cross-field rules).
    public mutating func finish(_ value: some Validatable) throws {
        reportUnknownFields()
        guard !problems.isEmpty else { return }
        var collector = ViolationCollector(problems)
        value.validate(at: pointer, into: &collector)
        throw DecodingViolations(collector.violations)
    }

    /// Some field failed: every problem found, unknown properties included, followed by what
    /// `checking` reports about the fields that did decode (their own rules; the rules between
    /// fields need every field and are not checked).
    public mutating func failure(checking: (inout ViolationCollector) -> Void) -> DecodingViolations {
        reportUnknownFields()
        var collector = ViolationCollector(problems)
        checking(&collector)
        return DecodingViolations(collector.violations)
    }

    private mutating func reportUnknownFields() {
        let names = container.allKeys
        guard names.count != presentFields else { return }
        let here = pointer
        for name in names.sorted(by: { $0.stringValue < $1.stringValue }) where Keys(stringValue: name.stringValue) == nil {
            problems.append(Violation(pointer: here / name.stringValue, message: "is not a field of this object"))
        }
    }

    private mutating func record(_ error: any Error, at name: FieldName) {
        if container.contains(name) { presentFields += 1 }
        problems += Self.violations(for: error, at: pointer / name.stringValue)
    }

    /// The violations `error` stands for, at `field` unless it names a deeper position.
    static func violations(for error: any Error, at field: JSONPointer) -> [Violation] {
        switch error {
        case let nested as DecodingViolations: nested.violations
        case let decoding as DecodingError: [Violation(decoding, at: field)]
        default: [Violation(pointer: field, message: String(describing: error))]
        }
    }
}

/// Any member name of a JSON object.
struct FieldName: CodingKey {
    let stringValue: String
    var intValue: Int? { nil }

    init(_ name: String) { stringValue = name }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

/// Decodes from any JSON value: steps over an array element that failed.
private struct Skipped: Decodable {
    init(from decoder: any Decoder) {}
}
