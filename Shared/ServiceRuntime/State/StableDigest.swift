/// A 64-bit FNV-1a digest of bytes, the same in every process and on every run (unlike
/// `Hasher`), for ids derived from content.
enum StableDigest {
    /// The digest of `bytes` as 16 hexadecimal digits.
    static func hex(of bytes: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
