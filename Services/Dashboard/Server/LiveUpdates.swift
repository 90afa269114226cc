import ServiceLifecycle

/// The live pages' keeper, a service of the dashboard's group: a heartbeat on every stream each
/// `interval`, and at graceful shutdown the end of every stream, so the HTTP server's own
/// shutdown is not held up by open pages. List it after the application: the group stops
/// services in reverse order, so this one ends the streams first.
public struct LiveUpdates: Service {
    let state: DashboardState
    let interval: Duration

    public init(state: DashboardState, interval: Duration = .seconds(15)) {
        self.state = state
        self.interval = interval
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                guard !Task.isCancelled else { break }
                await state.beat()
            }
        }
        await state.endWatching()
    }
}
