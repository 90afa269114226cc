import Dashboard
import DashboardServer
import Foundation
import Hummingbird
import HummingbirdTesting
import PMOModel
import Testing

/// The dashboard's pages and JSON through its real router, from a view folded from the
/// contract examples.
@Suite struct DashboardRoutesTests {
    let examples = PortfolioViewTests()

    /// A state holding the example project, its title replaced by `title`.
    func state(title: String = "Customer data platform consolidation") async throws -> (DashboardState, String) {
        let state = DashboardState()
        var events = try examples.history()
        for index in events.indices {
            if var entry = events[index].event as? PortfolioEntryUpdated {
                entry.title = title
                events[index].event = entry
            }
        }
        for event in events { await state.apply(event) }
        await state.markCaughtUp()
        let project = try #require(await state.view.projects.keys.first { $0.hasPrefix("PRJ-") })
        return (state, project)
    }

    func application(_ state: DashboardState, token: String? = nil) async throws -> some ApplicationProtocol {
        Application(router: DashboardApplication.router(state: state, pages: try await DashboardPages.load(), token: token))
    }

    @Test func thePortfolioPageListsTheProjectWithItsRatingInWordsAndAnEscapedTitle() async throws {
        let (state, project) = try await state(title: "<script>alert(1)</script> & more")
        let overall = try #require(await state.view.projects[project].map { PortfolioRow($0).overall })
        #expect(overall.rating != "none", "the example project has a rating")
        try await application(state).test(.router) { client in
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.status == .ok)
                let page = String(buffer: response.body)
                #expect(page.contains("data-project=\"\(project)\""))
                #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; more"))
                #expect(!page.contains("<script>alert(1)</script>"))
                #expect(page.contains("<span class=\"rag rag-\(overall.rating)\"><span aria-hidden=\"true\">\(overall.symbol)</span> \(overall.label)</span>"))
                #expect(page.contains("<th scope=\"col\">Overall</th>"))
            }
        }
    }

    @Test func theProjectPageDrawsTheSCurveWithOnePointPerMeasuredReport() async throws {
        let (state, project) = try await state()
        let reports = await state.view.projects[project]?.healthHistory.filter { $0.figures != nil }.count ?? 0
        try await application(state).test(.router) { client in
            try await client.execute(uri: "/projects/\(project)", method: .get) { response in
                #expect(response.status == .ok)
                let page = String(buffer: response.body)
                #expect(page.contains("<svg"))
                let evSeries = try #require(page.range(of: "data-series=\"EV\""))
                let circles = page[evSeries.upperBound...].components(separatedBy: "</g>")[0].components(separatedBy: "<circle").count - 1
                #expect(circles == reports)
                #expect(page.contains("Audit trail"))
            }
            try await client.execute(uri: "/projects/PRJ-0000-000", method: .get) { #expect($0.status == .notFound) }
        }
    }

    @Test func theQueueShowsOpenEscalations() async throws {
        let (state, _) = try await state()
        let open = await state.view.projects.values.flatMap(\.openEscalations).map(\.escalationId)
        try await application(state).test(.router) { client in
            try await client.execute(uri: "/queue", method: .get) { response in
                let page = String(buffer: response.body)
                for id in open { #expect(page.contains(id)) }
            }
        }
        #expect(!open.isEmpty)
    }

    @Test func theAPIGivesThePortfolioAndProjectsAsJSON() async throws {
        let (state, project) = try await state()
        try await application(state).test(.router) { client in
            try await client.execute(uri: "/api/portfolio", method: .get) { response in
                let body = try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
                let projects = try #require(body["projects"] as? [[String: Any]])
                #expect(projects.contains { $0["projectId"] as? String == project })
            }
            try await client.execute(uri: "/api/projects/\(project)", method: .get) { response in
                let body = try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
                #expect(body["projectId"] as? String == project)
                #expect((body["audit"] as? [Any])?.isEmpty == false)
            }
        }
    }

    @Test func withATokenEveryPageNeedsItAndTheQueryTokenSetsACookie() async throws {
        let (state, _) = try await state()
        try await application(state, token: "s3cret").test(.router) { client in
            try await client.execute(uri: "/", method: .get) { #expect($0.status == .unauthorized) }
            try await client.execute(uri: "/api/portfolio", method: .get, headers: [.authorization: "Bearer wrong"]) {
                #expect($0.status == .unauthorized)
            }
            try await client.execute(uri: "/api/portfolio", method: .get, headers: [.authorization: "Bearer s3cret"]) {
                #expect($0.status == .ok)
            }
            try await client.execute(uri: "/?token=s3cret", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.setCookie]?.contains("pmo_dashboard_token=s3cret") == true)
            }
            try await client.execute(uri: "/queue", method: .get, headers: [.cookie: "pmo_dashboard_token=s3cret"]) {
                #expect($0.status == .ok)
            }
            try await client.execute(uri: "/readyz", method: .get) { #expect($0.status == .ok, "probes need no token") }
        }
    }

    @Test func aWatcherGetsTheCurrentVersionThenEachChange() async throws {
        let (state, project) = try await state()
        let changes = await state.watch()
        var iterator = changes.makeAsyncIterator()
        let first = await iterator.next()
        #expect(first?.version == (await state.version))
        var alert = try examples.example(AlertRaised.self)
        alert.projectId = project
        alert.alertId = "A-NEW"
        await state.apply(examples.record(alert, id: "new-alert"))
        let second = await iterator.next()
        #expect(second == DashboardState.Change(version: (first?.version ?? 0) + 1, projectId: project))
    }
}

/// The live streams at shutdown and while idle.
@Suite struct LiveUpdatesTests {
    @Test func endingTheWatchersEndsEveryStreamAndLaterOnesAtOnce() async {
        let state = DashboardState()
        let open = await state.watch()
        await state.endWatching()
        var seen = 0
        for await _ in open { seen += 1 }
        #expect(seen == 1, "the current version, then the end")
        var later = 0
        for await _ in await state.watch() { later += 1 }
        #expect(later == 0)
        #expect(await state.watcherCount == 0)
    }

    @Test func aHeartbeatRepeatsTheCurrentVersion() async {
        let state = DashboardState()
        var iterator = await state.watch().makeAsyncIterator()
        _ = await iterator.next()
        await state.beat()
        #expect(await iterator.next() == DashboardState.Change(version: 0, projectId: nil))
    }
}
