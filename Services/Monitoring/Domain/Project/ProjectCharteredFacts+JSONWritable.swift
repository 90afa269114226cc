import PMOModel

/// What monitoring keeps of a charter writes its JSON itself, as its `Codable` encoding would:
/// it is part of every project's state, written once per project and transaction.
extension ProjectChartered.Facts: JSONWritable {
    public func writeJSON(to output: inout JSONOutput) throws {
        output.beginObject()
        try output.member("\"charteredAt\":", charteredAt)
        try output.member("\"classification\":", classification)
        try output.member("\"departments\":", departments)
        try output.member("\"priority\":", priority)
        try output.member("\"projectManager\":", projectManager)
        try output.member("\"sponsor\":", sponsor)
        try output.member("\"title\":", title)
        output.endObject()
    }
}
