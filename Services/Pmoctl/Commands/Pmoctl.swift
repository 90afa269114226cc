import ArgumentParser

/// `pmoctl`: the command-line tool people and scripts use to talk to the PMO system: publish
/// events (validated first), follow topics, load the policy and roster, create the topics.
public struct Pmoctl: AsyncParsableCommand {
    /// The command tree.
    public static let configuration = CommandConfiguration(
        commandName: "pmoctl",
        abstract: "Talk to the PMO system through its Kafka topics.",
        discussion: """
            Connection: --bootstrap-servers or KAFKA_BOOTSTRAP_SERVERS (default 127.0.0.1:9092); any \
            librdkafka property as --kafka-property name=value, a --kafka-config-file, or KAFKA_<NAME> \
            environment variables (KAFKA_SECURITY_PROTOCOL=SASL_SSL sets security.protocol), as for the services.
            """,
        subcommands: [PublishCommand.self, TailCommand.self, PolicyCommand.self, RosterCommand.self, ChangeCommand.self, TopicsCommand.self])

    /// The root command (it only groups the subcommands).
    public init() {}
}
