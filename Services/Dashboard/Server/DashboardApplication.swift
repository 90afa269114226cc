import Crypto
import Dashboard
import Foundation
import Hummingbird
import Logging
import NIOCore
import PMOModel

/// The dashboard's HTTP application: the pages (`/`, `/projects/{id}`, `/queue`), their data as
/// JSON under `/api/`, the live updates (`/events`, Server-Sent Events), its own style sheet and
/// script (`/static/`), and `/healthz`, `/readyz`.
public enum DashboardApplication {
    /// The router. With `token` set, every route but `/healthz` and `/readyz` needs it: as
    /// `Authorization: Bearer`, or once as `?token=`, which sets an HttpOnly cookie for the pages
    /// and their live updates. With `traced`, each request is a span.
    public static func router(state: DashboardState, pages: DashboardPages, token: String?,
                              traced: Bool = false) -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        if traced { router.add(middleware: TracingMiddleware()) }
        router.get("healthz") { _, _ in text(.ok, "ok\n") }
        router.get("readyz") { _, _ in
            await state.caughtUp ? text(.ok, "ready\n") : text(.serviceUnavailable, "not ready: catching up with the aggregated topics\n")
        }
        let guarded = router.group().add(middleware: DashboardTokenCheck(token: token))
        guarded.get("/") { request, _ in
            let (view, version) = await (state.view, state.version)
            let query = request.uri.queryParameters
            let filter = PortfolioTable.Filter(phase: query["phase"].map(String.init), rating: query["rag"].map(String.init),
                                               department: query["department"].map(String.init), projectManager: query["pm"].map(String.init))
            let sort = query["sort"].flatMap { PortfolioTable.SortKey(rawValue: String($0)) } ?? .project
            return html(pages.portfolio(view, version: version, filter: filter, sort: sort, descending: query["desc"] == "1"))
        }
        guarded.get("projects/:id") { _, context in
            let id = try context.parameters.require("id")
            let (view, version) = await (state.view, state.version)
            guard let page = pages.project(view, id: id, version: version) else {
                throw HTTPError(.notFound, message: "no project \(id) in the portfolio")
            }
            return html(page)
        }
        guarded.get("queue") { _, _ in
            let (view, version) = await (state.view, state.version)
            return html(pages.queue(view, version: version))
        }
        guarded.get("meeting") { request, _ in
            let (view, version) = await (state.view, state.version)
            return html(pages.meeting(try meetingPack(view, request), version: version))
        }
        guarded.get("api/meeting") { request, _ in
            try json(try meetingPack(await state.view, request))
        }
        guarded.get("api/portfolio") { _, _ in
            let view = await state.view
            return try json(PortfolioDocument(summary: view.summary, projects: PortfolioTable(view).rows))
        }
        guarded.get("api/projects/:id") { _, context in
            let id = try context.parameters.require("id")
            guard let project = await state.view.projects[id] else { throw HTTPError(.notFound, message: "no project \(id)") }
            return try json(ProjectDocument(project))
        }
        guarded.get("api/queue") { _, _ in
            let view = await state.view
            return try json(QueueDocument(view))
        }
        guarded.get("events") { _, _ in
            let changes = await state.watch()
            return Response(status: .ok,
                            headers: [.contentType: "text/event-stream", .cacheControl: "no-cache"],
                            body: ResponseBody { writer in
                                for await change in changes {
                                    let project = change.projectId.map { ",\"projectId\":\"\($0)\"" } ?? ""
                                    try await writer.write(ByteBuffer(string: "event: change\ndata: {\"version\":\(change.version)\(project)}\n\n"))
                                }
                                try await writer.finish(nil)
                            })
        }
        guarded.get("static/:file") { _, context in
            let file = try context.parameters.require("file")
            guard let data = pages.staticFiles[file] else { throw HTTPError(.notFound) }
            let type = file.hasSuffix(".css") ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8"
            return Response(status: .ok, headers: [.contentType: type, .cacheControl: "max-age=300"],
                            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
        }
        return router
    }

    /// The pack for `?from=YYYY-MM-DD&to=YYYY-MM-DD`, by default the 14 days up to today.
    static func meetingPack(_ view: PortfolioView, _ request: Request) throws -> MeetingPack {
        let query = request.uri.queryParameters
        let today = CalendarDate(utcDayOf: Date())
        func date(_ name: Substring, _ fallback: CalendarDate) throws -> CalendarDate {
            guard let text = query[name] else { return fallback }
            guard let date = CalendarDate(String(text)) else { throw HTTPError(.badRequest, message: "\(name) must be a date, YYYY-MM-DD") }
            return date
        }
        let to = try date("to", today)
        let from = try date("from", to.adding(days: -13) ?? to)
        guard from <= to else { throw HTTPError(.badRequest, message: "from must not be after to") }
        return MeetingPack(view, from: from, to: to)
    }

    static func html(_ page: String) -> Response {
        Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8",
                                        .contentSecurityPolicy: "default-src 'self'; style-src 'self'; script-src 'self'; img-src 'self' data:"],
                 body: ResponseBody(byteBuffer: ByteBuffer(string: page)))
    }

    static func json(_ value: some Encodable) throws -> Response {
        Response(status: .ok, headers: [.contentType: "application/json"],
                 body: ResponseBody(byteBuffer: ByteBuffer(data: try PMOJSON.makeEncoder().encode(value))))
    }

    static func text(_ status: HTTPResponse.Status, _ body: String) -> Response {
        Response(status: status, headers: [.contentType: "text/plain; charset=utf-8"], body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }
}

/// Refuses requests without the dashboard's token when one is configured (401).
struct DashboardTokenCheck<Context: RequestContext>: RouterMiddleware {
    static var cookieName: String { "pmo_dashboard_token" }
    let digest: [UInt8]?

    init(token: String?) {
        digest = token.map { Array(SHA256.hash(data: Data($0.utf8))) }
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let digest else { return try await next(request, context) }
        func matches(_ candidate: String?) -> Bool {
            guard let candidate else { return false }
            return Array(SHA256.hash(data: Data(candidate.utf8))) == digest
        }
        let bearer = request.headers[.authorization].flatMap { $0.hasPrefix("Bearer ") ? String($0.dropFirst(7)) : nil }
        if matches(bearer) || matches(request.cookies[Self.cookieName]?.value) {
            return try await next(request, context)
        }
        if let query = request.uri.queryParameters["token"], matches(String(query)) {
            var response = try await next(request, context)
            response.setCookie(Cookie(name: Self.cookieName, value: String(query), path: "/", httpOnly: true))
            return response
        }
        return Response(status: .unauthorized, headers: [.contentType: "text/plain; charset=utf-8", .wwwAuthenticate: "Bearer realm=\"pmo-dashboard\""],
                        body: ResponseBody(byteBuffer: ByteBuffer(string: "a token is required: Authorization: Bearer, or ?token= once\n")))
    }
}

/// `/api/portfolio`: the summary and the portfolio table.
struct PortfolioDocument: Encodable {
    var summary: PortfolioSummaryPublished?
    var projects: [PortfolioRow]
}

/// `/api/projects/{id}`: everything the project page shows.
struct ProjectDocument: Encodable {
    var projectId: String
    var entry: PortfolioEntryUpdated?
    var charter: ProjectChartered?
    var baselineRevisions: [Int]
    var health: [HealthPoint]
    var openAlerts: [AlertRaised]
    var openEscalations: [EscalationRaised]
    var risks: [Risk]
    var milestonesReached: [String: CalendarDate]
    var audit: [AuditEntry]

    init(_ project: ProjectView) {
        projectId = project.projectId
        entry = project.entry
        charter = project.charter
        baselineRevisions = project.baselines.keys.sorted()
        health = project.healthHistory
        openAlerts = project.openAlerts
        openEscalations = project.openEscalations
        risks = project.latestReport?.risks ?? []
        milestonesReached = project.milestonesReached
        audit = project.audit
    }
}

/// `/api/queue`: open escalations, alerts and resource conflicts.
struct QueueDocument: Encodable {
    var escalations: [EscalationRaised]
    var alerts: [AlertRaised]
    var conflicts: [ResourceConflictDetected]

    init(_ view: PortfolioView) {
        let projects = view.projects.values.sorted { $0.projectId < $1.projectId }
        escalations = projects.flatMap(\.openEscalations)
        alerts = projects.flatMap(\.openAlerts)
        conflicts = view.openConflicts
    }
}
