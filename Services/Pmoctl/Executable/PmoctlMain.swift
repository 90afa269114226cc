import Foundation
import Kafka
import Logging
import PMOControl

/// The `pmoctl` executable: checks librdkafka, keeps the Kafka client's own logging quiet
/// unless `PMO_LOG_LEVEL` asks for it (errors are reported in plain words instead), and runs
/// the command.
@main
enum PmoctlMain {
    static func main() async {
        Librdkafka.requireSupportedVersion()
        let level = ProcessInfo.processInfo.environment["PMO_LOG_LEVEL"].flatMap { Logger.Level(rawValue: $0.lowercased()) } ?? .critical
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        await Pmoctl.main()
    }
}
