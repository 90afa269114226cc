import Foundation
import PMOModel

/// The JSON Schemas of the contracts (`schemas/events/*.schema.json` and
/// `schemas/common/types.v1.schema.json`), used to list *every* structural violation of an event
/// with its JSON Pointer before the Swift model checks the domain rules.
///
/// It understands the keywords the generated schemas use: `$ref`, `type`, `enum`, `const`,
/// `required`, `properties`, `additionalProperties`, `items`, `minItems`, `uniqueItems`,
/// `minLength`, `pattern`, `minimum`, `maximum`.
public struct ContractSchemas: Sendable {
    /// The `schemas` folder.
    public let root: URL

    /// The schemas in `root` (a folder holding `events/` and `common/`).
    public init(root: URL) {
        self.root = root
    }

    /// The schemas folder: `explicit`, `PMO_SCHEMAS_DIR`, or `schemas/` in the current folder or a
    /// parent of it or of the executable; `nil` when none is found.
    public static func locate(explicit: String? = nil) -> ContractSchemas? {
        var candidates: [URL] = []
        if let explicit { candidates.append(URL(fileURLWithPath: explicit)) }
        if let variable = ProcessInfo.processInfo.environment["PMO_SCHEMAS_DIR"], !variable.isEmpty {
            candidates.append(URL(fileURLWithPath: variable))
        }
        let starts = [URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
                      URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath().deletingLastPathComponent()]
        for start in starts {
            var folder = start
            for _ in 0..<6 {
                candidates.append(folder.appendingPathComponent("schemas"))
                folder = folder.deletingLastPathComponent()
            }
        }
        return candidates.first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("events").path) }
            .map(ContractSchemas.init(root:))
    }

    /// Every structural violation of `data` against the schema of `eventType`; `nil` when there
    /// is no schema file for it.
    public func violations(of data: Data, eventType: String) -> [Violation]? {
        let file = root.appendingPathComponent("events/\(eventType).schema.json")
        guard let schema = load(file) else { return nil }
        guard let value = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else {
            return [Violation(pointer: .root, message: "is not JSON")]
        }
        var walker = SchemaWalker(schemas: self)
        walker.check(value, against: schema, in: file, at: .root)
        return walker.violations
    }

    func load(_ file: URL) -> [String: Any]? {
        guard let data = try? Data(contentsOf: file) else { return nil }
        return (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
    }
}

/// One pass of schema checking, collecting violations.
struct SchemaWalker {
    let schemas: ContractSchemas
    var violations: [Violation] = []
    private var documents: [URL: [String: Any]] = [:]

    init(schemas: ContractSchemas) {
        self.schemas = schemas
    }

    mutating func check(_ value: Any, against schema: [String: Any], in file: URL, at pointer: JSONPointer) {
        if let reference = schema["$ref"] as? String, let (target, targetFile) = resolve(reference, from: file) {
            check(value, against: target, in: targetFile, at: pointer)
        }
        if let expected = schema["type"] {
            let types = (expected as? [String]) ?? [(expected as? String) ?? ""]
            guard types.contains(where: { Self.matches(value, type: $0) }) else {
                report(pointer, "has the wrong type (expected \(types.joined(separator: " or ")), found \(Self.typeName(value)))")
                return
            }
        }
        if let options = schema["enum"] as? [Any], !options.contains(where: { Self.equal($0, value) }) {
            let names = options.map { "\($0)" }.joined(separator: ", ")
            report(pointer, "must be one of \(names), not \(Self.describe(value))")
        }
        if let constant = schema["const"], !Self.equal(constant, value) {
            report(pointer, "must be \(Self.describe(constant))")
        }
        if let text = value as? String, !Self.isBool(value) {
            if let minimum = schema["minLength"] as? Int, text.count < minimum {
                report(pointer, "must not be empty")
            } else if let pattern = schema["pattern"] as? String, text.range(of: pattern, options: .regularExpression) == nil {
                report(pointer, "'\(text)' does not match \(pattern)")
            }
        }
        if let number = value as? NSNumber, !Self.isBool(value) {
            if let minimum = (schema["minimum"] as? NSNumber)?.doubleValue, number.doubleValue < minimum {
                report(pointer, "must be at least \(Self.describe(schema["minimum"] ?? minimum))")
            }
            if let maximum = (schema["maximum"] as? NSNumber)?.doubleValue, number.doubleValue > maximum {
                report(pointer, "must be at most \(Self.describe(schema["maximum"] ?? maximum))")
            }
        }
        if let array = value as? [Any] {
            if let minimum = schema["minItems"] as? Int, array.count < minimum {
                report(pointer, "must have at least \(minimum) item\(minimum == 1 ? "" : "s")")
            }
            if schema["uniqueItems"] as? Bool == true {
                for (index, item) in array.enumerated() where array[..<index].contains(where: { Self.equal($0, item) }) {
                    report(pointer / index, "repeats an earlier item")
                }
            }
            if let items = schema["items"] as? [String: Any] {
                for (index, item) in array.enumerated() { check(item, against: items, in: file, at: pointer / index) }
            }
        }
        if let object = value as? [String: Any] {
            let properties = schema["properties"] as? [String: Any] ?? [:]
            for name in schema["required"] as? [String] ?? [] where object[name] == nil {
                report(pointer / name, "is required but missing")
            }
            for (name, item) in object.sorted(by: { $0.key < $1.key }) {
                if let property = properties[name] as? [String: Any] {
                    check(item, against: property, in: file, at: pointer / name)
                } else if schema["additionalProperties"] as? Bool == false {
                    report(pointer / name, "is not a field of this object")
                }
            }
        }
    }

    private mutating func report(_ pointer: JSONPointer, _ message: String) {
        violations.append(Violation(pointer: pointer, message: message))
    }

    private mutating func resolve(_ reference: String, from file: URL) -> ([String: Any], URL)? {
        let parts = reference.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        let path = parts.first.map(String.init) ?? ""
        let target = path.isEmpty ? file : file.deletingLastPathComponent().appendingPathComponent(path).standardizedFileURL
        if documents[target] == nil { documents[target] = schemas.load(target) }
        guard var node: Any = documents[target] else { return nil }
        let fragment = parts.count > 1 ? String(parts[1]) : ""
        for token in fragment.split(separator: "/") {
            guard let next = (node as? [String: Any])?[String(token)] else { return nil }
            node = next
        }
        return (node as? [String: Any]).map { ($0, target) }
    }

    static let booleanType: ObjectIdentifier = ObjectIdentifier(type(of: NSNumber(value: true)))

    static func isBool(_ value: Any) -> Bool {
        value is NSNumber && ObjectIdentifier(type(of: value as AnyObject)) == booleanType
    }

    static func matches(_ value: Any, type: String) -> Bool {
        switch type {
        case "object": value is [String: Any]
        case "array": value is [Any]
        case "string": value is String
        case "boolean": isBool(value)
        case "null": value is NSNull
        case "number": value is NSNumber && !isBool(value)
        case "integer":
            if let number = value as? NSNumber, !isBool(value) { number.doubleValue == number.doubleValue.rounded() } else { false }
        default: true
        }
    }

    static func typeName(_ value: Any) -> String {
        for name in ["boolean", "null", "string", "integer", "number", "array", "object"] where matches(value, type: name) {
            return name
        }
        return "an unknown value"
    }

    static func equal(_ lhs: Any, _ rhs: Any) -> Bool {
        (lhs as? NSObject)?.isEqual(rhs) ?? false
    }

    static func describe(_ value: Any) -> String {
        if let text = value as? String { return "'\(text)'" }
        return "\(value)"
    }
}
