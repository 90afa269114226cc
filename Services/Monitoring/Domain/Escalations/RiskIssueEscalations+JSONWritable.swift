import PMOModel

/// The open escalations write their JSON themselves, as their `Codable` encoding would (an
/// object keyed by risk or issue id, keys sorted).
extension RiskIssueEscalations: JSONWritable {
    public func writeJSON(to output: inout JSONOutput) throws {
        output.beginObject()
        try output.member("\"open\":", open)
        output.endObject()
    }
}
