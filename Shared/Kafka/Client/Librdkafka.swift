import CRdKafka

import Foundation

/// The librdkafka library this process is linked against, and the version check every
/// executable performs before it talks to a broker.
///
/// librdkafka older than 2.2.0 misreads tagged fields in ApiVersions responses and cannot talk
/// to current brokers, so the project refuses to run with it.
public enum Librdkafka {
    /// The oldest librdkafka release the project works with.
    public static let minimumVersion = Version(major: 2, minor: 2, patch: 0)

    /// A librdkafka release number.
    public struct Version: Sendable, Comparable, CustomStringConvertible {
        public var major: Int
        public var minor: Int
        public var patch: Int

        public init(major: Int, minor: Int, patch: Int) {
            self.major = major
            self.minor = minor
            self.patch = patch
        }

        /// Decodes librdkafka's `0xMMmmrrxx` version integer.
        public init(hex: Int32) {
            self.init(major: Int((hex >> 24) & 0xFF), minor: Int((hex >> 16) & 0xFF), patch: Int((hex >> 8) & 0xFF))
        }

        public static func < (lhs: Version, rhs: Version) -> Bool {
            (lhs.major, lhs.minor, lhs.patch) < (rhs.major, rhs.minor, rhs.patch)
        }

        public var description: String { "\(major).\(minor).\(patch)" }
    }

    /// The version of the librdkafka loaded at run time (not the headers compiled against).
    public static var version: Version { Version(hex: rd_kafka_version()) }

    /// The loaded librdkafka's own version string.
    public static var versionString: String { String(cString: rd_kafka_version_str()) }

    /// Thrown when the loaded librdkafka is older than `minimumVersion`.
    public struct UnsupportedVersion: Error, CustomStringConvertible {
        public var found: Version
        public var required: Version

        public init(found: Version, required: Version) {
            self.found = found
            self.required = required
        }

        public var description: String {
            "librdkafka \(found) is loaded, but \(required) or newer is required "
                + "(older releases cannot talk to current Kafka brokers). "
                + "Run scripts/bootstrap.sh, which builds a suitable librdkafka into .deps/."
        }
    }

    /// Throws `UnsupportedVersion` when the loaded librdkafka is too old.
    public static func checkVersion() throws(UnsupportedVersion) {
        let found = version
        if found < minimumVersion {
            throw UnsupportedVersion(found: found, required: minimumVersion)
        }
    }

    /// For executables: prints a clear message and exits with status 78 (configuration error)
    /// when the loaded librdkafka is too old. Call it first thing in `main`.
    public static func requireSupportedVersion() {
        do {
            try checkVersion()
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            exit(78)
        }
    }
}
