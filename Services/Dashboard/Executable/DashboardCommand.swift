import ArgumentParser
import DashboardServer
import Foundation
import Hummingbird
import Kafka
import Logging
import ServiceLifecycle
import ServiceRuntime

/// `pmo-dashboard`: the PMO's live portfolio pages, read from the aggregated topics.
@main
struct DashboardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pmo-dashboard",
        abstract: "The PMO dashboard: live portfolio, project, queue pages and their JSON, from the aggregated topics.",
        discussion: """
            Reads the portfolio register and summary, health, alerts, escalations, resource conflicts, status reports, \
            and the intake, planning and change decisions and baselines from the beginning, with no consumer group and \
            no commits, so any number of instances can serve behind a load balancer. /readyz answers 200 once it has \
            caught up with the end offsets it saw at start. Binds 127.0.0.1:8088 unless told otherwise.
            """)

    @OptionGroup var edge: EdgeOptions

    @Option(help: "A file holding the token every request must present, as Authorization: Bearer or once as ?token= (env: PMO_DASHBOARD_TOKEN_FILE).")
    var authTokenFile: String?

    @Option(help: "Days of history read from topics that are not compacted (env: PMO_DASHBOARD_HISTORY_DAYS).")
    var historyDays: Int = env("PMO_DASHBOARD_HISTORY_DAYS").flatMap(Int.init) ?? 400

    func run() async throws {
        let runtime = edge.runtimeOptions
        let logger = runtime.startLogging(label: "pmo.dashboard")
        try Librdkafka.checkVersion()
        var token: String?
        if let path = authTokenFile ?? env("PMO_DASHBOARD_TOKEN_FILE") {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8),
                  !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                throw ValidationError("cannot read a token from \(path)")
            }
            token = text.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        guard historyDays > 0 else { throw ValidationError("--history-days must be positive") }
        let state = DashboardState()
        let pages = try await DashboardPages.load()
        let feed = PortfolioFeed(configuration: try runtime.kafkaConfiguration(logger: logger), state: state,
                                 historyWindow: .seconds(historyDays * 86_400), logger: logger)
        let traces = try TraceExport.start(service: "pmo-dashboard", instance: ProcessInfo.processInfo.hostName,
                                           flag: edge.otlpEndpoint, logger: logger)
        let router = DashboardApplication.router(state: state, pages: pages, token: token, traced: traces != nil)
        let application = Application(router: router,
                                      configuration: ApplicationConfiguration(address: .hostname(edge.httpHost, port: edge.resolvedHTTPPort(default: 8088)),
                                                                                             serverName: "pmo-dashboard"),
                                      onServerRunning: { channel in
                                          logger.info("dashboard listening", metadata: ["http.address": "\(channel.localAddress.map { "\($0)" } ?? "?")"])
                                      },
                                      logger: logger)
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(
            // The exporter starts first and stops last, after the final requests' spans.
            services: (traces.map { [.init(service: $0.exporter)] } ?? []) + [
                .init(service: FeedService(feed: feed), successTerminationBehavior: .gracefullyShutdownGroup,
                      failureTerminationBehavior: .gracefullyShutdownGroup),
                .init(service: application, successTerminationBehavior: .gracefullyShutdownGroup,
                      failureTerminationBehavior: .gracefullyShutdownGroup),
                // Last, so that it is stopped first: it ends the live streams the server would wait on.
                .init(service: LiveUpdates(state: state)),
            ],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger))
        try await group.run()
    }
}

/// The feed as a service of the group, cancelled at shutdown.
struct FeedService: Service {
    let feed: PortfolioFeed

    func run() async throws {
        try await cancelWhenGracefulShutdown {
            try await feed.run()
        }
    }
}

private func env(_ name: String) -> String? {
    ProcessInfo.processInfo.environment[name].flatMap { $0.isEmpty ? nil : $0 }
}
