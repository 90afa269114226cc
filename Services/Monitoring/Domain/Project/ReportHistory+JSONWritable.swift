import PMOModel

/// The report history writes its JSON itself, as its `Codable` encoding would: it is the largest
/// part of a project's state (up to ``ReportHistory/kept`` entries), written once per transaction.
extension ReportHistory: JSONWritable {
    public func writeJSON(to output: inout JSONOutput) throws {
        output.beginObject()
        try output.member("\"entries\":", entries)
        try output.member("\"received\":", received)
        output.endObject()
    }
}

extension ReportHistory.Entry: JSONWritable {
    public func writeJSON(to output: inout JSONOutput) throws {
        output.beginObject()
        try output.member("\"asOf\":", asOf)
        try output.member("\"indices\":", indices)
        output.endObject()
    }
}

extension PerformanceIndices: JSONWritable {
    public func writeJSON(to output: inout JSONOutput) throws {
        output.beginObject()
        try output.member("\"cost\":", cost)
        try output.member("\"schedule\":", schedule)
        output.endObject()
    }
}
