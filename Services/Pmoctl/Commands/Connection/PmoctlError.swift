import Kafka

/// A failure pmoctl reports in plain words: what went wrong, where, and what to do.
public struct PmoctlError: Error, CustomStringConvertible, Equatable {
    /// The message shown to the user.
    public var description: String
    /// The process exit status.
    public var exitCode: Int32

    /// A failure with `message` and exit status `exitCode` (1: failed, 2: invalid input).
    public init(_ message: String, exitCode: Int32 = 1) {
        self.description = message
        self.exitCode = exitCode
    }

    /// Explains a Kafka client error for `servers` while doing `action` (e.g. "publishing to pmo.intake.proposals").
    public static func kafka(_ error: KafkaError, servers: String, while action: String) -> PmoctlError {
        if error.isTimeout || error.name.contains("TRANSPORT") || error.name.contains("ALL_BROKERS_DOWN")
            || error.message.lowercased().contains("timed out") {
            return PmoctlError("""
                could not reach the Kafka broker at \(servers) while \(action) (\(error.message)).
                Is it running? Start the embedded one with scripts/broker.sh start (or scripts/run.sh), \
                or point pmoctl at your cluster with --bootstrap-servers or KAFKA_BOOTSTRAP_SERVERS.
                """)
        }
        return PmoctlError("Kafka at \(servers) refused \(action): \(error.name): \(error.message)")
    }
}
