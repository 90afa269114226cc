import PMOModel

/// The adverse-trend alerts write their JSON themselves, as their `Codable` encoding would: the
/// open alerts are keyed by an enumeration, which `Codable` writes as a list of key and value
/// pairs, `["spi",{…},"cpi",{…}]`, in the dictionary's order.
extension TrendAlerts: JSONWritable {
    public func writeJSON(to output: inout JSONOutput) throws {
        output.beginObject()
        output.raw("\"open\":[")
        for (index, alert) in open.enumerated() {
            if index > 0 { output.raw(",") }
            try alert.key.writeJSON(to: &output)
            output.raw(",")
            try alert.value.writeJSON(to: &output)
        }
        output.raw("]")
        output.endObject()
    }
}

extension AdverseTrend.Index: JSONWritable {}
