import PMOModel

/// The overdue-report alerts write their JSON themselves, as their `Codable` encoding would.
extension OverdueReports: JSONWritable {
    public func writeJSON(to output: inout JSONOutput) throws {
        output.beginObject()
        try output.member("\"alertedThrough\":", alertedThrough)
        try output.member("\"open\":", open)
        output.endObject()
    }
}

extension OverdueReports.Open: JSONWritable {
    public func writeJSON(to output: inout JSONOutput) throws {
        output.beginObject()
        try output.member("\"alert\":", alert)
        try output.member("\"dueOn\":", dueOn)
        output.endObject()
    }
}
