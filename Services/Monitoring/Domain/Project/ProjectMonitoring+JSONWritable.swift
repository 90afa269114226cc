import PMOModel

/// The project's state writes its changelog JSON itself, the very bytes its `Codable` encoding
/// gives through `JSONEncoder` (keys in UTF-8 order, a `nil` member left out), at a fraction of
/// the cost: it is written once per project and transaction, and through `Codable` it was the
/// largest cost per status report. Only the inputs kept waiting for the policy or roster (rare,
/// and empty lists are written directly) still go through `Codable`.
/// `MonitoringDeskTests` and `ProjectMonitoringJSONTests` compare the bytes with `JSONEncoder`'s.
extension ProjectMonitoring: JSONWritable {
    public func writeJSON(to output: inout JSONOutput) throws {
        output.beginObject()
        try output.member("\"baselines\":", baselines)
        try output.member("\"charter\":", charter)
        try output.member("\"closed\":", closed)
        try output.member("\"cycleTimes\":", cycleTimes)
        try output.member("\"entry\":", entry)
        try output.member("\"escalations\":", escalations)
        try output.member("\"health\":", health)
        if held.isEmpty { try output.member("\"held\":", [String]()) } else { try output.member("\"held\":", encoding: held) }
        try output.member("\"numbering\":", numbering)
        try output.member("\"overdue\":", overdue)
        try output.member("\"projectId\":", projectId)
        try output.member("\"rejected\":", rejected)
        try output.member("\"reports\":", reports)
        try output.member("\"trend\":", trend)
        try output.member("\"unmeasured\":", unmeasured)
        try output.member("\"variance\":", variance)
        if waiting.isEmpty { try output.member("\"waiting\":", [String]()) } else { try output.member("\"waiting\":", encoding: waiting) }
        try output.member("\"withdrawn\":", withdrawn)
        output.endObject()
    }
}
