/// Lowercase hexadecimal text of bytes (the SHA-256 digests of tokens and events), written
/// directly: `String(format: "%02x")` per byte took a third of the gateway's CPU.
enum Hexadecimal {
    private static let digits = Array("0123456789abcdef".utf8)

    /// Two lowercase hexadecimal digits per byte.
    static func lowercase(_ bytes: some Sequence<UInt8>) -> String {
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
