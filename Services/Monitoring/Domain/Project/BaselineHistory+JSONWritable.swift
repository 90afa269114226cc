import PMOModel

/// The baseline history writes its JSON itself, as its `Codable` encoding would: each revision's
/// planned-value curve is written once per project and transaction.
extension BaselineHistory: JSONWritable {
    public func writeJSON(to output: inout JSONOutput) throws {
        output.beginObject()
        try output.member("\"revisions\":", revisions)
        output.endObject()
    }
}

extension BaselineHistory.Revision: JSONWritable {
    public func writeJSON(to output: inout JSONOutput) throws {
        output.beginObject()
        try output.member("\"budgetAtCompletion\":", budgetAtCompletion)
        try output.member("\"curve\":", curve)
        try output.member("\"effectiveFrom\":", effectiveFrom)
        try output.member("\"projectManager\":", projectManager)
        try output.member("\"revision\":", revision)
        try output.member("\"start\":", start)
        try output.member("\"statusReportCadenceDays\":", statusReportCadenceDays)
        output.endObject()
    }
}
