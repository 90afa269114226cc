import PMOModel

/// Asks the test counter to add `amount` to the count of `key` (`pmo.test.count.requested.v1`).
/// The counter exists to exercise the runtime; it is not part of the PMO contracts.
struct CountRequested: PMOEvent {
    static let eventType = "pmo.test.count.requested.v1"
    static let keyKind = RecordKeyKind.originalKey
    var key: String
    var amount: Int
    var recordKey: String { key }

    func validate(at pointer: JSONPointer, into violations: inout ViolationCollector) {
        violations.text(key, at: pointer / "key")
        violations.nonNegative(amount, at: pointer / "amount")
    }

    init(key: String, amount: Int) {
        self.key = key
        self.amount = amount
    }

    init?(reading reader: inout JSONReader) {
        guard case .object(let members) = reader.readValue(), members.count == 2,
              let key = members.first(where: { $0.key == "key" }).flatMap({ String(json: $0.value) }),
              let amount = members.first(where: { $0.key == "amount" }).flatMap({ Int(json: $0.value) }) else { return nil }
        self.init(key: key, amount: amount)
    }

    func writeJSON(to output: inout JSONOutput) throws {
        output.beginObject()
        try output.member("\"amount\":", amount)
        try output.member("\"key\":", key)
        output.endObject()
    }
}

/// The counter's answer to each request: the key's new total and how many requests it has
/// applied (`pmo.test.count.updated.v1`). Exactly-once processing means every key's sequence
/// numbers appear once each, from 1 without gaps.
struct CountUpdated: PMOEvent {
    static let eventType = "pmo.test.count.updated.v1"
    static let keyKind = RecordKeyKind.originalKey
    var key: String
    var total: Int
    var sequence: Int
    /// Filler that makes the record as large as a test of the record size limit needs.
    var padding: String?
    var recordKey: String { key }

    func validate(at pointer: JSONPointer, into violations: inout ViolationCollector) {
        violations.text(key, at: pointer / "key")
        violations.atLeast(sequence, 1, at: pointer / "sequence")
    }

    init(key: String, total: Int, sequence: Int, padding: String? = nil) {
        self.key = key
        self.total = total
        self.sequence = sequence
        self.padding = padding
    }

    init?(reading reader: inout JSONReader) {
        guard case .object(let members) = reader.readValue(),
              let key = members.first(where: { $0.key == "key" }).flatMap({ String(json: $0.value) }),
              let total = members.first(where: { $0.key == "total" }).flatMap({ Int(json: $0.value) }),
              let sequence = members.first(where: { $0.key == "sequence" }).flatMap({ Int(json: $0.value) }) else { return nil }
        let padding = members.first(where: { $0.key == "padding" }).flatMap { String(json: $0.value) }
        guard members.count == (padding == nil ? 3 : 4) else { return nil }
        self.init(key: key, total: total, sequence: sequence, padding: padding)
    }

    func writeJSON(to output: inout JSONOutput) throws {
        output.beginObject()
        try output.member("\"key\":", key)
        if let padding { try output.member("\"padding\":", padding) }
        try output.member("\"sequence\":", sequence)
        try output.member("\"total\":", total)
        output.endObject()
    }
}

/// Emitted once when a key has had no request for the counter's idle period
/// (`pmo.test.count.idle.v1`): exercises time-driven work, which must happen once, not once per
/// instance or per restart.
struct CountIdle: PMOEvent {
    static let eventType = "pmo.test.count.idle.v1"
    static let keyKind = RecordKeyKind.originalKey
    var key: String
    var total: Int
    var recordKey: String { key }

    func validate(at pointer: JSONPointer, into violations: inout ViolationCollector) {
        violations.text(key, at: pointer / "key")
    }

    init(key: String, total: Int) {
        self.key = key
        self.total = total
    }

    init?(reading reader: inout JSONReader) {
        guard case .object(let members) = reader.readValue(), members.count == 2,
              let key = members.first(where: { $0.key == "key" }).flatMap({ String(json: $0.value) }),
              let total = members.first(where: { $0.key == "total" }).flatMap({ Int(json: $0.value) }) else { return nil }
        self.init(key: key, total: total)
    }

    func writeJSON(to output: inout JSONOutput) throws {
        output.beginObject()
        try output.member("\"key\":", key)
        try output.member("\"total\":", total)
        output.endObject()
    }
}
