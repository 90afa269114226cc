import Dashboard
import PMOModel

/// The dashboard instance's view and who is watching it: every event from the feed goes
/// through here, and each change bumps ``version`` and tells the live pages (Server-Sent
/// Events) which project changed.
public actor DashboardState {
    /// The view.
    public private(set) var view = PortfolioView()
    /// How many changes the view has had; a page that shows an older version reloads its content.
    public private(set) var version = 0
    /// Whether the feed has caught up with the end offsets it saw at start.
    public private(set) var caughtUp = false
    private var watchers: [Int: AsyncStream<Change>.Continuation] = [:]
    private var nextWatcher = 0
    /// Set at shutdown: every stream has ended and new ones end at once.
    private var ended = false

    /// One change: the view's new version and the project concerned (`nil`: the portfolio).
    public struct Change: Sendable, Equatable {
        public var version: Int
        public var projectId: String?

        public init(version: Int, projectId: String?) {
            self.version = version
            self.projectId = projectId
        }
    }

    public init() {}

    /// Folds `event` into the view; tells the watchers when it changed.
    public func apply(_ event: DecodedEvent) {
        apply(contentsOf: [event])
    }

    /// Folds a poll's events into the view in one step: one new version and one message to the
    /// watchers for the lot, naming the project when they all concern one.
    public func apply(contentsOf events: [DecodedEvent]) {
        var projects: Set<String> = []
        var other = false
        for event in events where view.apply(event) {
            if type(of: event.event).keyKind == .projectId { projects.insert(event.event.recordKey) } else { other = true }
        }
        guard other || !projects.isEmpty else { return }
        version += 1
        let change = Change(version: version, projectId: !other && projects.count == 1 ? projects.first : nil)
        for watcher in watchers.values { watcher.yield(change) }
    }

    /// Marks the feed as caught up (`/readyz` answers 200 from then on).
    public func markCaughtUp() { caughtUp = true }

    /// A stream of the changes from now on, starting with the current version (so a page that
    /// reconnects catches up at once); it ends when the caller stops reading.
    public func watch() -> AsyncStream<Change> {
        let (stream, continuation) = AsyncStream<Change>.makeStream(bufferingPolicy: .bufferingNewest(64))
        guard !ended else {
            continuation.finish()
            return stream
        }
        let id = nextWatcher
        nextWatcher += 1
        watchers[id] = continuation
        continuation.yield(Change(version: version, projectId: nil))
        continuation.onTermination = { [weak self] _ in
            Task { await self?.stopWatching(id) }
        }
        return stream
    }

    /// Sends every watcher the current version again: a heartbeat that keeps proxies from closing
    /// an idle stream and lets the server notice a page that has gone (its write fails).
    public func beat() {
        for watcher in watchers.values { watcher.yield(Change(version: version, projectId: nil)) }
    }

    /// Ends every stream, and every one opened later, so that a graceful shutdown does not wait
    /// on pages that keep their live updates open.
    public func endWatching() {
        ended = true
        for watcher in watchers.values { watcher.finish() }
        watchers.removeAll()
    }

    /// How many pages are watching.
    public var watcherCount: Int { watchers.count }

    private func stopWatching(_ id: Int) {
        watchers[id] = nil
    }
}
