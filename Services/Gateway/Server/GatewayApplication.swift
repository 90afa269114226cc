import Gateway
import Hummingbird
import HummingbirdAuth
import Logging
import NIOCore

/// The gateway's HTTP application:
/// - `POST /v1/events`: CloudEvents in binary, structured or batch mode;
/// - `POST /v1/events/{type}`: one bare event of `type`, its id from `Idempotency-Key`;
/// - `/healthz`, `/readyz` (ready while the broker is reachable and every topic exists) and
///   `/metrics`, without a token.
public enum GatewayApplication {
    /// The router, for the server and for tests. With `traced`, each request is a span (a child
    /// of the request's W3C `traceparent`), whose context the published events carry.
    public static func router(desk: GatewayDesk, grants: UpstreamGrants, publishing: any EventPublishing,
                              limits: GatewayLimits, metrics: GatewayMetrics, traced: Bool = false) -> Router<GatewayRequestContext> {
        let router = Router(context: GatewayRequestContext.self)
        if traced { router.add(middleware: TracingMiddleware()) }
        router.get("healthz") { _, _ in text(.ok, "ok\n") }
        router.get("readyz") { _, _ in
            if let reason = publishing.unavailableReason { return text(.serviceUnavailable, "not ready: \(reason)\n") }
            return text(.ok, "ready\n")
        }
        router.get("metrics") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                     body: ResponseBody(byteBuffer: ByteBuffer(bytes: metrics.render())))
        }
        let events = router.group("v1/events").add(middleware: UpstreamTokenAuthenticator(grants: grants))
        events.post { request, context in
            try await submit(request, context: context, bareEventType: nil, desk: desk, limits: limits, metrics: metrics)
        }
        events.post(":type") { request, context in
            try await submit(request, context: context, bareEventType: context.parameters.get("type"),
                             desk: desk, limits: limits, metrics: metrics)
        }
        return router
    }

    /// The application serving ``router(desk:grants:publishing:limits:metrics:)`` on `host:port`.
    public static func application(host: String, port: Int, router: Router<GatewayRequestContext>,
                                   logger: Logger) -> some ApplicationProtocol {
        Application(router: router,
                    configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: "pmo-gateway"),
                    onServerRunning: { channel in
                        logger.info("gateway listening", metadata: ["http.address": "\(channel.localAddress.map { "\($0)" } ?? "?")"])
                    },
                    logger: logger)
    }

    static func submit(_ request: Request, context: GatewayRequestContext, bareEventType: String?, desk: GatewayDesk,
                       limits: GatewayLimits, metrics: GatewayMetrics) async throws -> Response {
        let answer = await answer(request, context: context, bareEventType: bareEventType, desk: desk, limits: limits)
        metrics.request(status: answer.status)
        if case .refused(let problem) = answer {
            metrics.refused(problem.kind.rawValue)
            context.logger.info("request refused", metadata: [
                "reason": "\(problem.kind.rawValue)", "token": "\(context.identity?.name ?? "-")", "message": "\(problem.message)",
            ])
        }
        var headers: HTTPFields = [.contentType: "application/json"]
        if case .refused(let problem) = answer {
            if let retryAfter = problem.retryAfterSeconds { headers[.retryAfter] = String(retryAfter) }
            if problem.kind == .unauthenticated { headers[.wwwAuthenticate] = "Bearer realm=\"pmo-gateway\"" }
        }
        return Response(status: HTTPResponse.Status(code: answer.status), headers: headers,
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: answer.jsonBody())))
    }

    static func answer(_ request: Request, context: GatewayRequestContext, bareEventType: String?, desk: GatewayDesk,
                       limits: GatewayLimits) async -> GatewayAnswer {
        guard let grant = context.identity else {
            let presented = request.headers.bearer != nil
            return .refused(SubmissionProblem(.unauthenticated, presented
                ? "the bearer token is not known to this gateway"
                : "an Authorization: Bearer token is required"))
        }
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limits.maxBodyBytes {
            return .refused(SubmissionProblem(.tooLarge, "the body is \(length) bytes; the limit is \(limits.maxBodyBytes)"))
        }
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: limits.maxBodyBytes)
        } catch {
            return .refused(SubmissionProblem(.tooLarge, "the body is larger than the limit of \(limits.maxBodyBytes) bytes"))
        }
        let headers = request.headers.map { (name: $0.name.canonicalName, value: $0.value) }
        let submitted: SubmittedRequest
        do throws(SubmissionProblem) {
            submitted = try CloudEventsRequest.events(contentType: request.headers[.contentType], headers: headers,
                                                   body: Array(buffer: body), bareEventType: bareEventType,
                                                   maxEvents: limits.maxBatchEvents)
        } catch {
            return .refused(error)
        }
        return await desk.submit(submitted, grant: grant)
    }

    private static func text(_ status: HTTPResponse.Status, _ body: String) -> Response {
        Response(status: status, headers: [.contentType: "text/plain; charset=utf-8"],
                 body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }
}
