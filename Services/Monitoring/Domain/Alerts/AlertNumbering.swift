/// A project's alert and escalation numbers: `AL-<n>` and `ES-<n>` count up from 1 across every
/// kind (variance, adverse trend, overdue report; unresolved variance, major risk,
/// cross-department issue) and are never reused.
public struct AlertNumbering: Codable, Sendable, Equatable {
    /// The number of the next alert.
    public var nextAlert = 1
    /// The number of the next escalation.
    public var nextEscalation = 1

    /// Numbering from 1.
    public init(nextAlert: Int = 1, nextEscalation: Int = 1) {
        self.nextAlert = nextAlert
        self.nextEscalation = nextEscalation
    }

    /// Whether id `a` (`AL-3`, `ES-12`) comes before `b` in number order (AL-9 before AL-10).
    public static func precedes(_ a: String, _ b: String) -> Bool {
        (number(of: a), a) < (number(of: b), b)
    }

    /// The number after the id's last `-` (3 for `AL-3`), read from its bytes; 0 when it is not
    /// a whole number of at most 18 digits.
    static func number(of id: String) -> Int {
        var utf8 = id.utf8[...]
        if let dash = utf8.lastIndex(of: UInt8(ascii: "-")) { utf8 = utf8[utf8.index(after: dash)...] }
        guard !utf8.isEmpty, utf8.count <= 18 else { return 0 }
        var value = 0
        for byte in utf8 {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return 0 }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    /// Takes the next alert id.
    public mutating func alertId() -> String {
        defer { nextAlert += 1 }
        return "AL-\(nextAlert)"
    }

    /// Takes the next escalation id.
    public mutating func escalationId() -> String {
        defer { nextEscalation += 1 }
        return "ES-\(nextEscalation)"
    }

    /// Runs `body` on `alerts` with this numbering as its counters, and keeps what it took: the
    /// variance-alert lifecycle numbers its alerts and escalations with the project's others.
    public mutating func sharing<Result>(_ alerts: inout VarianceAlerts, _ body: (inout VarianceAlerts) -> Result) -> Result {
        alerts.nextAlertNumber = nextAlert
        alerts.nextEscalationNumber = nextEscalation
        let result = body(&alerts)
        nextAlert = alerts.nextAlertNumber
        nextEscalation = alerts.nextEscalationNumber
        return result
    }
}
