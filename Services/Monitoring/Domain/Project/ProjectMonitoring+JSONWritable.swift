import PMOModel

/// The project's state writes its changelog JSON itself, the very bytes its `Codable` encoding
/// gives through `JSONEncoder` (keys in UTF-8 order, a `nil` member left out), at a fraction of
/// the cost: it is written once per project and transaction, and through `Codable` it was the
/// largest cost per status report. The parts that are small or rare still go through `Codable`.
/// `MonitoringDeskTests` and `ProjectMonitoringJSONTests` compare the bytes with `JSONEncoder`'s.
extension ProjectMonitoring: JSONWritable {
    public func writeJSON(to output: inout JSONOutput) throws {
        output.beginObject()
        try output.member("\"baselines\":", baselines)
        try output.member("\"charter\":", charter)
        try output.member("\"closed\":", closed)
        try output.member("\"cycleTimes\":", encoding: cycleTimes)
        try output.member("\"entry\":", entry)
        try output.member("\"escalations\":", encoding: escalations)
        try output.member("\"health\":", health)
        try output.member("\"held\":", encoding: held)
        try output.member("\"numbering\":", encoding: numbering)
        try output.member("\"overdue\":", encoding: overdue)
        try output.member("\"projectId\":", projectId)
        try output.member("\"rejected\":", rejected)
        try output.member("\"reports\":", reports)
        try output.member("\"trend\":", encoding: trend)
        try output.member("\"unmeasured\":", unmeasured)
        try output.member("\"variance\":", variance)
        try output.member("\"waiting\":", encoding: waiting)
        try output.member("\"withdrawn\":", withdrawn)
        output.endObject()
    }
}
