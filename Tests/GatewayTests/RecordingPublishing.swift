import Gateway
import GatewayServer
import PMOModel
import Synchronization

/// A stand-in for Kafka in the tests of the HTTP rules: records what is published (with
/// offsets per topic), can be made unavailable, made to fail, or made slow.
final class RecordingPublishing: EventPublishing {
    struct State {
        var published: [(topic: String, record: EventRecord)] = []
        var unavailable: String?
        var failing: String?
        var delay: Duration = .zero
    }

    let state = Mutex(State())

    var unavailableReason: String? { state.withLock { $0.unavailable } }
    var published: [(topic: String, record: EventRecord)] { state.withLock { $0.published } }

    func publish(_ records: [(record: EventRecord, topic: String)]) async -> [Result<PublicationReceipt, PublishingFailure>] {
        let delay = state.withLock { $0.delay }
        if delay > .zero { try? await Task.sleep(for: delay) }
        return state.withLock { state in
            records.map { record, topic in
                if let failing = state.failing { return .failure(PublishingFailure(failing)) }
                let offset = state.published.filter { $0.topic == topic }.count
                state.published.append((topic, record))
                return .success(PublicationReceipt(topic: topic, partition: 0, offset: Int64(offset)))
            }
        }
    }
}
