import Foundation

/// An amount of money in one currency, written `{"amount": 1250000.00, "currency": "EUR"}`.
///
/// The amount is a `Decimal` so that budgets and costs add up exactly. Whether it may be
/// negative depends on the field (a budget may not, a cost variance may); the owning type checks.
public struct Money: Hashable, Sendable, Codable, Validatable, CustomStringConvertible {
    /// The amount, in the currency's main unit (euros, not cents).
    public var amount: Decimal
    /// The ISO 4217 code, for example `EUR`.
    public var currency: String

    /// Creates an amount in `currency`.
    public init(_ amount: Decimal, _ currency: String) {
        self.amount = amount
        self.currency = currency
    }

    /// Decodes `{"amount": ..., "currency": ...}`, reporting every problem, unknown properties
    /// included (see ``RecordDecoder``).
    public init(from decoder: any Decoder) throws {
        var fields = try RecordDecoder(decoder, keyedBy: CodingKeys.self)
        let amount = fields.decode(Decimal.self, .amount)
        let currency = fields.decode(String.self, .currency)
        guard !fields.hasFailed, let amount, let currency else {
            let pointer = fields.pointer
            throw fields.failure { violations in
                if let currency { violations.identifier(currency, .currency, at: pointer / "currency") }
            }
        }
        self.init(amount, currency)
        try fields.finish(self)
    }

    /// Checks the currency code.
    public func validate(at pointer: JSONPointer, into violations: inout ViolationCollector) {
        violations.identifier(currency, .currency, at: pointer / "currency")
    }

    /// `1250000 EUR`.
    public var description: String { "\(amount) \(currency)" }
}

extension Money: JSONWritable {
    /// `{"amount":1250000,"currency":"EUR"}`, as ``PMOJSON`` encodes it.
    public func writeJSON(to output: inout JSONOutput) throws {
        output.beginObject()
        try output.member("\"amount\":", amount)
        try output.member("\"currency\":", currency)
        output.endObject()
    }
}

extension ViolationCollector {
    /// A money amount that must not be negative (budgets, costs, planned value): checks the
    /// currency and reports a negative amount at `<pointer>/amount`.
    public mutating func nonNegative(_ money: Money, at pointer: @autoclosure () -> JSONPointer) {
        nested(money, at: pointer())
        nonNegative(money.amount, at: pointer() / "amount")
    }

    /// An optional money amount that, when present, must not be negative.
    public mutating func nonNegative(_ money: Money?, at pointer: @autoclosure () -> JSONPointer) {
        if let money { nonNegative(money, at: pointer()) }
    }
}
