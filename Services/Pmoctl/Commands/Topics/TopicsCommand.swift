import ArgumentParser
import Foundation
import Kafka
import PMOModel

/// `pmoctl topics create`: creates every catalog topic.
struct TopicsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "topics", abstract: "Manage the catalog's topics.", subcommands: [Create.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create every topic of the catalog (partitions, cleanup policy, retention) that is missing.")

        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            try await Reporting.run {
                let session = try ClusterSession(connection)
                let topics = TopicCatalog.all.map(\.newTopic)
                let outcome: [String: TopicCreation]
                do {
                    let admin = try KafkaAdmin(configuration: session.configuration, logger: session.logger)
                    _ = try await admin.listTopics(timeout: connection.timeoutDuration)
                    outcome = try await admin.createTopics(topics, timeout: connection.timeoutDuration)
                } catch let error as KafkaError {
                    throw PmoctlError.kafka(error, servers: session.servers, while: "creating the catalog topics")
                }
                for topic in topics {
                    let state = outcome[topic.name] == .created ? "created" : "exists "
                    let cleanup = topic.configs["cleanup.policy"] ?? "delete"
                    Reporting.printOut("\(state)  \(topic.name)  (\(topic.partitions) partition\(topic.partitions == 1 ? "" : "s"), \(cleanup))")
                }
                let created = outcome.values.filter { $0 == .created }.count
                Reporting.printOut("\(created) created, \(topics.count - created) already existed on \(session.servers)")
            }
        }
    }
}

extension TopicSpec {
    /// The admin client's description of the topic: partitions, cleanup policy and retention.
    public var newTopic: NewTopic {
        var configs = ["cleanup.policy": cleanupPolicy == .compact ? "compact" : "delete"]
        if let retentionMs { configs["retention.ms"] = String(retentionMs) }
        return NewTopic(name: name, partitions: Int32(partitions), configs: configs)
    }
}
