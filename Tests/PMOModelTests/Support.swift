import Foundation
import Testing
@testable import PMOModel

/// The repository root, found from this file's path.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// The raw JSON examples of an event type, from `schemas/examples/<eventType>.json`.
func exampleData(_ eventType: String) throws -> [Data] {
    let url = repositoryRoot.appendingPathComponent("schemas/examples/\(eventType).json")
    let array = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [Any])
    return try array.map { try JSONSerialization.data(withJSONObject: $0) }
}

/// Example `index` of `type`, decoded with the shared coder.
func example<T: PMOEvent>(_ type: T.Type, _ index: Int = 0) throws -> T {
    let data = try exampleData(T.eventType)
    return try T.decodeJSON(data[index])
}

/// The pointers of an event's violations.
func pointers(_ event: some PMOEvent) -> Set<String> {
    Set(event.validate().map(\.pointer))
}

func date(_ text: String) throws -> CalendarDate {
    try #require(CalendarDate(text))
}

func instant(_ text: String) throws -> Date {
    try #require(RFC3339.parse(text))
}
