import Foundation
import Gateway
import PMOModel

/// The demo's events and a grant to publish them with, shared by the gateway's tests.
enum Fixtures {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The demo's status reports (examples/demo/11), each as its JSON bytes.
    static func statusReports() throws -> [[UInt8]] {
        let data = try Data(contentsOf: repositoryRoot.appendingPathComponent("examples/demo/11-status-reports.json"))
        let objects = try require(try JSONSerialization.jsonObject(with: data) as? [Any])
        return try objects.map { Array(try JSONSerialization.data(withJSONObject: $0, options: [.sortedKeys])) }
    }

    /// The first demo status report, its `projectId` replaced when `project` is given.
    static func statusReport(project: String? = nil) throws -> [UInt8] {
        let first = try statusReports()[0]
        guard let project else { return first }
        var object = try require(try JSONSerialization.jsonObject(with: Data(first)) as? [String: Any])
        object["projectId"] = project
        return Array(try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]))
    }

    static let token = "timesheets-secret-token"

    /// Status reports only, as `/upstream/timesheets`.
    static let grant = UpstreamGrant(name: "timesheets", tokenSHA256: UpstreamGrant.hash(of: token),
                                     source: "/upstream/timesheets", eventTypes: [StatusReported.eventType])

    static func grants() throws -> UpstreamGrants { try UpstreamGrants([grant]) }
}

struct FixtureMissing: Error {}

func require<T>(_ value: T?) throws -> T {
    guard let value else { throw FixtureMissing() }
    return value
}
