import Foundation
import Yams

/// The events in a file or on standard input, in JSON or YAML: one event (an object) or several
/// (an array), each turned into the JSON bytes the contracts decode.
public struct EventDocument: Equatable, Sendable {
    /// Each event's JSON, in document order.
    public var events: [Data]
    /// Where the document came from, for messages (`examples/policy.yaml`, `standard input`).
    public var origin: String

    /// A document of already-encoded events.
    public init(events: [Data], origin: String) {
        self.events = events
        self.origin = origin
    }

    /// Reads `path` (`-` for standard input).
    public static func read(_ path: String) throws -> EventDocument {
        let origin = path == "-" ? "standard input" : path
        let data: Data
        if path == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard FileManager.default.fileExists(atPath: path) else {
                throw PmoctlError("\(path) does not exist", exitCode: 2)
            }
            guard let contents = FileManager.default.contents(atPath: path) else {
                throw PmoctlError("cannot read \(path): check its permissions", exitCode: 2)
            }
            data = contents
        }
        let lowered = path.lowercased()
        let yaml = lowered.hasSuffix(".yaml") || lowered.hasSuffix(".yml")
        return try parse(data, origin: origin, preferYAML: yaml)
    }

    /// Parses `data` as JSON, or as YAML when it is not JSON (or `preferYAML` says so).
    public static func parse(_ data: Data, origin: String, preferYAML: Bool = false) throws -> EventDocument {
        let value: Any
        if !preferYAML, let json = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) {
            value = json
        } else {
            guard let text = String(data: data, encoding: .utf8) else {
                throw PmoctlError("\(origin) is neither JSON nor UTF-8 YAML", exitCode: 2)
            }
            do {
                // Timestamps stay strings: the contracts parse dates and instants themselves.
                guard let loaded = try Yams.load(yaml: text, Resolver.default.removing(.timestamp)) else {
                    throw PmoctlError("\(origin) is empty", exitCode: 2)
                }
                value = try jsonCompatible(loaded, at: "")
            } catch let error as PmoctlError {
                throw error
            } catch {
                throw PmoctlError("\(origin) is neither valid JSON nor valid YAML: \(error)", exitCode: 2)
            }
        }
        let items: [Any]
        if let array = value as? [Any] {
            items = array
        } else {
            items = [value]
        }
        guard !items.isEmpty else { throw PmoctlError("\(origin) holds no event", exitCode: 2) }
        var events: [Data] = []
        for (index, item) in items.enumerated() {
            guard item is [String: Any] else {
                let place = items.count > 1 ? "item \(index) of \(origin)" : origin
                throw PmoctlError("\(place) is not a JSON object; an event is an object of fields", exitCode: 2)
            }
            events.append(try JSONSerialization.data(withJSONObject: item, options: [.sortedKeys]))
        }
        return EventDocument(events: events, origin: origin)
    }

    /// A YAML value as plain JSON values (string keys, numbers, strings, booleans, null).
    static func jsonCompatible(_ value: Any, at pointer: String) throws -> Any {
        switch value {
        case let mapping as [AnyHashable: Any]:
            var object: [String: Any] = [:]
            for (key, item) in mapping {
                let name = "\(key.base)"
                object[name] = try jsonCompatible(item, at: "\(pointer)/\(name)")
            }
            return object
        case let mapping as [String: Any]:
            var object: [String: Any] = [:]
            for (key, item) in mapping { object[key] = try jsonCompatible(item, at: "\(pointer)/\(key)") }
            return object
        case let sequence as [Any]:
            return try sequence.enumerated().map { try jsonCompatible($0.element, at: "\(pointer)/\($0.offset)") }
        case is String, is Bool, is Int, is Double, is NSNull:
            return value
        case let number as NSNumber:
            return number
        case let data as Data:
            return data.base64EncodedString()
        default:
            throw PmoctlError("the YAML value at \(pointer.isEmpty ? "/" : pointer) has no JSON equivalent", exitCode: 2)
        }
    }
}
