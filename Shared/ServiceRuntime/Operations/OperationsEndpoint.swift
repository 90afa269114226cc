import Hummingbird
import Logging
import NIOCore

/// The instance's small HTTP endpoint for the orchestrator and Prometheus:
/// `/healthz` (alive: 200 until a fatal error or a stalled partition), `/readyz` (200 once reference data is loaded and
/// every assigned partition is restored) and `/metrics` (Prometheus text format).
public enum OperationsEndpoint {
    /// Builds the HTTP application serving the endpoints on `host:port` (port 0 picks a free one).
    public static func application(host: String, port: Int, status: RuntimeStatus, metrics: RuntimeMetrics,
                                   logger: Logger) -> some ApplicationProtocol {
        let router = Router()
        router.get("healthz") { _, _ -> Response in
            let health = status.health()
            return text(health.healthy ? .ok : .serviceUnavailable, health.detail + "\n")
        }
        router.get("readyz") { _, _ -> Response in
            let snapshot = status.snapshot
            let detail = "running=\(snapshot.running) reference_loaded=\(snapshot.referenceLoaded) joined_group=\(snapshot.joinedGroup) "
                + "restoring=\(snapshot.restoring) partitions=\(snapshot.assignedPartitions)\n"
            return text(snapshot.isReady ? .ok : .serviceUnavailable, detail)
        }
        router.get("metrics") { _, _ -> Response in
            metrics.updateLag(status.progress, stallLimit: status.stallLimit)
            return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                     body: ResponseBody(byteBuffer: ByteBuffer(bytes: metrics.render())))
        }
        return Application(
            router: router,
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: "pmo"),
            onServerRunning: { channel in
                logger.info("operations endpoint listening", metadata: ["http.address": "\(channel.localAddress.map { "\($0)" } ?? "?")"])
            },
            logger: logger
        )
    }

    private static func text(_ status: HTTPResponse.Status, _ body: String) -> Response {
        Response(status: status, headers: [.contentType: "text/plain; charset=utf-8"],
                 body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }
}
