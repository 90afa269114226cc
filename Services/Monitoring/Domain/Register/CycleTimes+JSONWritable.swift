import PMOModel

/// The process times write their JSON themselves, as their `Codable` encoding would (the
/// dictionaries as objects, a plan revision's number as its key's digits, keys sorted).
extension CycleTimes: JSONWritable {
    public func writeJSON(to output: inout JSONOutput) throws {
        output.beginObject()
        output.raw("\"changeDecisionDays\":")
        try output.object(changeDecisionDays)
        output.raw(",\"changeStarted\":")
        try output.object(changeStarted)
        try output.member("\"intakeCycleDays\":", intakeCycleDays)
        try output.member("\"intakeStartedAt\":", intakeStartedAt)
        output.raw(",\"planReviewDays\":")
        try output.object(planReviewDays)
        output.raw(",\"planReviewStarted\":")
        try output.object(planReviewStarted)
        output.endObject()
    }
}
