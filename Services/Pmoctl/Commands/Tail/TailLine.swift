import Foundation
import PMOModel

/// One line of `pmoctl tail` output: time, key, type and gist, or why the record is not a
/// valid PMO event.
public enum TailLine {
    /// The readable line for a record with `headers`, `key` and `value` from `topic`.
    public static func render(topic: String, headers: [RecordHeader], key: String?, value: [UInt8],
                              timestampMilliseconds: Int64?, registry: EventRegistry = .standard) -> String {
        let fallbackTime = timestampMilliseconds.map { RFC3339.format(Date(timeIntervalSince1970: Double($0) / 1000)) } ?? "-"
        let shownKey = key ?? "-"
        do throws(ContractError) {
            let decoded = try registry.decode(headers: headers, key: key, value: value)
            return [RFC3339.format(decoded.attributes.time), shownKey, decoded.attributes.type, EventGist.of(decoded.event)]
                .joined(separator: "  ")
        } catch {
            let type = headers.last { $0.name == CloudEventAttributes.Header.type }
                .map { String(decoding: $0.value, as: UTF8.self) } ?? "(no ce_type)"
            return [fallbackTime, shownKey, type, "not a valid PMO event on \(topic): \(error)"].joined(separator: "  ")
        }
    }
}
