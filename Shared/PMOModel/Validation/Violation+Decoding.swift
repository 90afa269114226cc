import Foundation

extension Violation {
    /// The violation a `DecodingError` stands for: at the position the error names, or at `field`
    /// when the error names none deeper (Foundation reports some values without a coding path).
    public init(_ error: DecodingError, at field: JSONPointer) {
        func at(_ path: [any CodingKey]) -> JSONPointer {
            path.count > field.tokens.count ? JSONPointer(codingPath: path) : field
        }
        switch error {
        case .keyNotFound(let key, let context):
            self.init(pointer: at(context.codingPath + [key]), message: "is required but missing")
        case .typeMismatch(let type, let context):
            self.init(pointer: at(context.codingPath), message: "has the wrong type (expected \(Self.jsonTypeName(type)))")
        case .valueNotFound(let type, let context):
            self.init(pointer: at(context.codingPath), message: "is null (expected \(Self.jsonTypeName(type)))")
        case .dataCorrupted(let context):
            self.init(pointer: at(context.codingPath), message: context.debugDescription)
        @unknown default:
            self.init(pointer: field, message: String(describing: error))
        }
    }

    /// How a Swift type is spelled in JSON, for messages.
    static func jsonTypeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Bool.Type: "true or false"
        case is Int.Type: "an integer"
        case is Double.Type, is Decimal.Type: "a number"
        case is [Any].Type: "an array"
        default: "an object"
        }
    }
}
