import PMOModel

/// The numbering writes its JSON itself, as its `Codable` encoding would: it is part of every
/// project's changelog record (``ProjectMonitoring``'s writer).
extension AlertNumbering: JSONWritable {
    public func writeJSON(to output: inout JSONOutput) throws {
        output.beginObject()
        try output.member("\"nextAlert\":", nextAlert)
        try output.member("\"nextEscalation\":", nextEscalation)
        output.endObject()
    }
}
