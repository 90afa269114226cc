import Crypto
import Foundation
import PMOModel

/// The most recent events applied to one key, so that a redelivered event is recognised and
/// skipped. It is part of the key's persisted state, so it survives restarts. Bounded: the
/// oldest event is forgotten when `capacity` is reached.
///
/// Events are kept as 64-bit fingerprints of their identity (`ce_source`, `ce_id`): the first
/// 8 bytes of the SHA-256 digest of `"<ce_source> <ce_id>"` (a valid `ce_source` is a
/// URI-reference and holds no space, so the joined text names one identity only). A full window
/// of 256 takes 2 KiB of memory and about 2.7 KB of changelog, where 256 identity strings took
/// 10–30 KB and had to be encoded on every change of the key.
///
/// **False positives.** A new event is taken for a duplicate only when its fingerprint equals
/// one of the at most `capacity` fingerprints kept for its key. SHA-256 output being uniform,
/// that happens with probability at most `capacity / 2^64`: 1.4 × 10^-17 per event with the
/// default 256. At a million events a second for a hundred years (3.2 × 10^15 events) the
/// expected number of wrongly skipped events is below 0.05. `falsePositiveBound` states it.
public struct DeduplicationWindow: Sendable, Equatable, Codable, JSONWritable {
    /// How many events are kept per key by default.
    public static let defaultCapacity = 256

    /// The fingerprints kept, oldest first.
    private(set) var fingerprints: [UInt64]
    let capacity: Int

    public init(capacity: Int = DeduplicationWindow.defaultCapacity) {
        self.fingerprints = []
        self.capacity = max(1, capacity)
        fingerprints.reserveCapacity(min(self.capacity, 16))
    }

    /// The fingerprint of the event from `source` with id `id`.
    public static func fingerprint(source: String, id: String) -> UInt64 {
        // The hash of "<source> <id>", fed in three parts rather than built as one string.
        var hasher = SHA256()
        var source = source, id = id
        source.withUTF8 { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
        withUnsafeBytes(of: UInt8(ascii: " ")) { hasher.update(bufferPointer: $0) }
        id.withUTF8 { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
        return hasher.finalize().withUnsafeBytes { digest in
            digest.loadUnaligned(as: UInt64.self).littleEndian
        }
    }

    /// The fingerprint of an identity as the earlier format wrote it, `"<source> <id>"`.
    static func fingerprint(ofIdentity identity: String) -> UInt64 {
        var identity = identity
        return identity.withUTF8 { bytes in
            SHA256.hash(data: bytes).withUnsafeBytes { digest in
                digest.loadUnaligned(as: UInt64.self).littleEndian
            }
        }
    }

    /// The probability that a new event is wrongly taken for a duplicate: `capacity / 2^64`.
    public var falsePositiveBound: Double { Double(capacity) / 0x1p64 }

    /// True when an event with `fingerprint` was recorded and not yet forgotten.
    public func contains(_ fingerprint: UInt64) -> Bool {
        fingerprints.contains(fingerprint)
    }

    /// Records `fingerprint`, forgetting the oldest when full.
    public mutating func insert(_ fingerprint: UInt64) {
        guard !fingerprints.contains(fingerprint) else { return }
        if fingerprints.count >= capacity {
            fingerprints.removeFirst(fingerprints.count - capacity + 1)
        }
        fingerprints.append(fingerprint)
    }

    // MARK: Changelog form

    // `{"capacity":256,"fingerprints":"<base64>"}`: the fingerprints oldest first, 8 bytes each,
    // little-endian. The earlier form, `{"capacity":256,"identities":["<source> <id>", …]}`, is
    // still read: its identities are fingerprinted as they are loaded.
    private enum CodingKeys: String, CodingKey { case capacity, fingerprints, identities }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        capacity = max(1, try container.decodeIfPresent(Int.self, forKey: .capacity) ?? Self.defaultCapacity)
        if let packed = try container.decodeIfPresent(String.self, forKey: .fingerprints) {
            guard let bytes = Data(base64Encoded: packed), bytes.count % 8 == 0 else {
                throw DecodingError.dataCorruptedError(
                    forKey: .fingerprints, in: container,
                    debugDescription: "not base64 of 8-byte fingerprints (\(packed.utf8.count) characters)")
            }
            fingerprints = bytes.withUnsafeBytes { raw in
                (0..<bytes.count / 8).map { UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 8, as: UInt64.self)) }
            }
        } else {
            let identities = try container.decode([String].self, forKey: .identities)
            fingerprints = identities.map(Self.fingerprint(ofIdentity:))
        }
        if fingerprints.count > capacity { fingerprints.removeFirst(fingerprints.count - capacity) }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(capacity, forKey: .capacity)
        try container.encode(packed, forKey: .fingerprints)
    }

    /// Writes `{"capacity":N,"fingerprints":"…"}`, as `encode(to:)` does through `PMOJSON`.
    public func writeJSON(to output: inout JSONOutput) throws {
        output.beginObject()
        try output.member("\"capacity\":", capacity)
        try output.member("\"fingerprints\":", packed)
        output.endObject()
    }

    /// The fingerprints as base64 of their little-endian bytes.
    var packed: String {
        var bytes = [UInt8](repeating: 0, count: fingerprints.count * 8)
        bytes.withUnsafeMutableBytes { raw in
            for (index, fingerprint) in fingerprints.enumerated() {
                raw.storeBytes(of: fingerprint.littleEndian, toByteOffset: index * 8, as: UInt64.self)
            }
        }
        return Data(bytes).base64EncodedString()
    }
}
