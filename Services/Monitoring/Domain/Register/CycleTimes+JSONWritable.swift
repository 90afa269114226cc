import PMOModel

/// The process times write their JSON themselves, as their `Codable` encoding would (the
/// dictionaries as objects, a plan revision's number as its key's digits, keys sorted).
extension CycleTimes: JSONWritable {
    public func writeJSON(to output: inout JSONOutput) throws {
        output.beginObject()
        try output.member("\"changeDecisionDays\":", changeDecisionDays)
        try output.member("\"changeStarted\":", changeStarted)
        try output.member("\"intakeCycleDays\":", intakeCycleDays)
        try output.member("\"intakeStartedAt\":", intakeStartedAt)
        try output.member("\"planReviewDays\":", planReviewDays)
        try output.member("\"planReviewStarted\":", planReviewStarted)
        output.endObject()
    }
}
