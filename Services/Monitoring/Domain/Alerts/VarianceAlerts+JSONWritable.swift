import PMOModel

/// The variance alerts write their JSON themselves, as their `Codable` encoding would (a state
/// as `{"raised":{"_0":…}}`): the open alerts and escalations they hold are contract events
/// with writers of their own.
extension VarianceAlerts: JSONWritable {
    public func writeJSON(to output: inout JSONOutput) throws {
        output.beginObject()
        try output.member("\"cost\":", cost)
        try output.member("\"latestAsOf\":", latestAsOf)
        try output.member("\"nextAlertNumber\":", nextAlertNumber)
        try output.member("\"nextEscalationNumber\":", nextEscalationNumber)
        try output.member("\"projectId\":", projectId)
        try output.member("\"schedule\":", schedule)
        output.endObject()
    }
}

extension VarianceAlerts.State: JSONWritable {
    public func writeJSON(to output: inout JSONOutput) throws {
        output.beginObject()
        switch self {
        case .clear:
            output.raw("\"clear\":{")
        case .raised(let alert):
            output.raw("\"raised\":{")
            try output.member("\"_0\":", alert)
        case .escalated(let alert, let escalation):
            output.raw("\"escalated\":{")
            try output.member("\"_0\":", alert)
            try output.member("\"_1\":", escalation)
        }
        output.endObject()
        output.endObject()
    }
}
