import Foundation

extension JSONOutput {
    /// Writes one member whose value has no writer of its own, through its `Codable` encoding
    /// (``JSONTreeEncoder``): for a hand-written ``JSONWritable`` whose smaller parts are not worth
    /// writing by hand.
    public mutating func member(_ key: StaticString, encoding value: some Encodable) throws {
        try member(key, TreeEncoded(value: value))
    }

    /// As ``member(_:encoding:)``, writing nothing at all when `value` is `nil` (as `encodeIfPresent` does).
    public mutating func member(_ key: StaticString, encoding value: (some Encodable)?) throws {
        guard let value else { return }
        try member(key, encoding: value)
    }
}

/// A `Codable` value written through ``JSONTreeEncoder``.
private struct TreeEncoded<Value: Encodable>: JSONWritable {
    let value: Value

    func writeJSON(to output: inout JSONOutput) throws {
        try JSONTreeEncoder.write(value, to: &output)
    }
}
