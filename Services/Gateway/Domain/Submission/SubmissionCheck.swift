import Crypto
import Foundation
import PMOModel

/// The checks every submitted event passes before anything of its request is published, the
/// same the services run on every record (``EventRegistry/decodeValidated(type:data:)``, schema
/// and domain rules) plus the grant's:
/// 1. its type is one upstream systems publish (403 for a service's output type, 400 for an
///    unknown one) and one the token is granted (403);
/// 2. its `ce_source` is the token's (403);
/// 3. the envelope (id, time, subject) and the event against its contract (400, every violation
///    with its JSON Pointer).
///
/// A request is refused whole at the first kind of problem found, with every event's problems of
/// that kind: a batch is all or nothing.
public struct SubmissionCheck: Sendable {
    /// The contracts.
    public var registry: EventRegistry

    public init(registry: EventRegistry = .standard) {
        self.registry = registry
    }

    /// The events ready to publish, or why the request is refused.
    ///
    /// - Parameters:
    ///   - request: the request's events, in order.
    ///   - grant: the token's grant.
    ///   - receivedAt: `ce_time` for events that give none.
    ///   - newID: an id for a bare event posted without an `Idempotency-Key`.
    public func check(_ request: SubmittedRequest, grant: UpstreamGrant, receivedAt: Date,
                      newID: () -> String) -> Result<[AcceptedEvent], SubmissionProblem> {
        let events = request.events
        let batch = request.isBatch
        var forbidden: [SubmissionProblem.EventViolation] = []
        for (index, event) in events.enumerated() {
            let place = batch ? index : nil
            if let spec = TopicCatalog.topic(carrying: event.type), spec.writer != .upstream {
                forbidden.append(.init(index: place, pointer: event.pointer(to: "type"),
                                       message: "\(event.type) is written only by the \(spec.writer.rawValue) service; upstream systems cannot publish it"))
            } else if UpstreamGrants.publishableEventTypes.contains(event.type), !grant.allows(event.type) {
                forbidden.append(.init(index: place, pointer: event.pointer(to: "type"), message: "this token may not publish \(event.type)"))
            }
            if let source = event.source, source != grant.source {
                forbidden.append(.init(index: place, pointer: event.pointer(to: "source"),
                                       message: "this token publishes as source \(grant.source), not \(source)"))
            }
        }
        guard forbidden.isEmpty else {
            return .failure(SubmissionProblem(.forbidden, "the token '\(grant.name)' is not granted what this request publishes; nothing was published",
                                              violations: forbidden))
        }
        var accepted: [AcceptedEvent] = []
        var invalid: [SubmissionProblem.EventViolation] = []
        for (index, event) in events.enumerated() {
            switch accept(event, index: index, batch: batch, grant: grant, receivedAt: receivedAt, newID: newID) {
            case .accepted(let event): accepted.append(event)
            case .refused(let violations): invalid += violations
            }
        }
        var seen: [EventIdentity: Int] = [:]
        for event in accepted {
            if let first = seen[event.identity] {
                invalid.append(.init(index: event.index, pointer: event.idPointer,
                                     message: "\(event.identity) is also event \(first) of this batch; each event needs its own id"))
            } else {
                seen[event.identity] = event.index
            }
        }
        guard invalid.isEmpty else {
            let bad = Set(invalid.map { $0.index ?? 0 }).count
            let what = batch ? "\(bad) of \(events.count) events break their contracts" : "the event breaks its contract"
            return .failure(SubmissionProblem(.invalid, "\(what); nothing was published", violations: invalid))
        }
        return .success(accepted)
    }

    private enum EventOutcome {
        case accepted(AcceptedEvent)
        case refused([SubmissionProblem.EventViolation])
    }

    private func accept(_ event: SubmittedEvent, index: Int, batch: Bool, grant: UpstreamGrant, receivedAt: Date,
                        newID: () -> String) -> EventOutcome {
        let place = batch ? index : nil
        func violation(_ pointer: String, _ message: String) -> [SubmissionProblem.EventViolation] {
            [.init(index: place, pointer: pointer, message: message)]
        }
        guard let spec = TopicCatalog.topic(carrying: event.type) else {
            return .refused(violation(event.pointer(to: "type"), "unknown event type '\(event.type)'; upstream systems publish "
                + UpstreamGrants.publishableEventTypes.sorted().joined(separator: ", ")))
        }
        var time = receivedAt
        if let text = event.time {
            guard let parsed = RFC3339.parse(text) else { return .refused(violation(event.pointer(to: "time"), "'\(text)' is not an RFC 3339 timestamp")) }
            time = parsed
        }
        let decoded: any PMOEvent
        do throws(ContractError) {
            decoded = try registry.decodeValidated(type: event.type, data: Data(event.data))
        } catch {
            let found = error.violations.isEmpty
                ? [SubmissionProblem.EventViolation(index: place, pointer: event.dataPointer, message: error.description)]
                : error.violations.map { SubmissionProblem.EventViolation(index: place, pointer: event.dataPointer + $0.pointer, message: $0.message) }
            return .refused(found)
        }
        if let subject = event.subject, subject != decoded.recordKey {
            return .refused(violation(event.pointer(to: "subject"), "'\(subject)' must be the event's record key, '\(decoded.recordKey)'"))
        }
        let id = event.id ?? newID()
        let source = event.source ?? grant.source
        var record: EventRecord
        do throws(ContractError) {
            record = try registry.encodeAny(decoded, id: id, source: source, time: time)
        } catch {
            if case .envelope(let envelope) = error, case .invalidHeader(let name, _, let reason) = envelope {
                return .refused(violation(event.pointer(to: String(name.dropFirst(3))), reason))
            }
            return .refused(violation(event.dataPointer, error.description))
        }
        for (name, value) in event.extensions.sorted(by: { $0.key < $1.key }) {
            record.headers.append(RecordHeader("ce_\(name)", value))
        }
        var digest = SHA256()
        digest.update(data: Data(event.type.utf8))
        digest.update(data: Data([0]))
        digest.update(data: Data((event.time ?? "").utf8))
        digest.update(data: Data([0]))
        digest.update(data: Data(record.value))
        let fingerprint = Hexadecimal.lowercase(digest.finalize())
        return .accepted(AcceptedEvent(index: index, identity: EventIdentity(source: source, id: id), eventType: event.type,
                                      topic: spec.name, record: record, fingerprint: fingerprint,
                                      idPointer: event.pointer(to: "id")))
    }
}
