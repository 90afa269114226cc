import PMOModel

/// Monitoring's state writes its changelog JSON itself, as its `Codable` encoding would
/// (`{"project":{"_0":…}}`): a project's state by its own writer, a resource's book through `Codable`.
extension MonitoringState: JSONWritable {
    public func writeJSON(to output: inout JSONOutput) throws {
        output.beginObject()
        switch self {
        case .project(let project):
            output.raw("\"project\":{")
            try output.member("\"_0\":", project)
        case .resource(let book):
            output.raw("\"resource\":{")
            try output.member("\"_0\":", encoding: book)
        }
        output.endObject()
        output.endObject()
    }
}
