import Foundation
import Gateway
import Logging
import PMOModel

/// Takes a request's events from parsing to the broker's acknowledgement: the checks, the
/// token's rate, the ledger that answers retries, publishing. One per gateway instance; its
/// state (the ledger, the rates, requests waiting on an event another request is publishing)
/// lives in this actor, its rules in the plain values of the `Gateway` module.
public actor GatewayDesk {
    private let publishing: any EventPublishing
    private let check: SubmissionCheck
    private let limits: GatewayLimits
    private let metrics: GatewayMetrics
    private let logger: Logger
    private let clock = ContinuousClock()
    private let start: ContinuousClock.Instant
    private var ledger: PublicationLedger
    private var allowances: [String: RateAllowance] = [:]
    private var waiting: [EventIdentity: [CheckedContinuation<Void, Never>]] = [:]

    public init(publishing: any EventPublishing, limits: GatewayLimits, metrics: GatewayMetrics, logger: Logger,
                check: SubmissionCheck = SubmissionCheck()) {
        self.publishing = publishing
        self.limits = limits
        self.metrics = metrics
        self.logger = logger
        self.check = check
        start = clock.now
        ledger = PublicationLedger(window: limits.idempotencyWindowSeconds, capacity: limits.idempotencyCapacity)
    }

    private var now: Double {
        let elapsed = clock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    /// Publishes the events of one request with `grant`, or says why not.
    public func submit(_ events: [SubmittedEvent], grant: UpstreamGrant) async -> GatewayAnswer {
        let batch = events.count > 1
        let accepted: [AcceptedEvent]
        switch check.check(events, grant: grant, receivedAt: Date(), newID: { UUID().uuidString.lowercased() }) {
        case .failure(let problem): return .refused(problem)
        case .success(let events): accepted = events
        }
        if let reason = publishing.unavailableReason {
            return .refused(SubmissionProblem(.unavailable, "\(reason); retry later", retryAfterSeconds: limits.unavailableRetryAfterSeconds))
        }
        var allowance = allowances[grant.name]
            ?? RateAllowance(eventsPerSecond: grant.eventsPerSecond ?? limits.eventsPerSecond, burst: grant.burst ?? limits.burst)
        let decision = allowance.take(accepted.count, now: now)
        allowances[grant.name] = allowance
        switch decision {
        case .granted: break
        case .refused(let retryAfter):
            return .refused(SubmissionProblem(.rateLimited, "the token '\(grant.name)' may publish \(allowance.eventsPerSecond) events a second (bursts of \(allowance.burst)); retry later",
                                              retryAfterSeconds: max(1, Int(retryAfter.rounded(.up)))))
        case .exceedsBurst:
            return .refused(SubmissionProblem(.tooLarge, "the token '\(grant.name)' may publish at most \(allowance.burst) events at once; split the batch"))
        }
        return await publish(accepted, batch: batch)
    }

    /// Claims every event in the ledger, publishes the new ones concurrently, and answers.
    private func publish(_ events: [AcceptedEvent], batch: Bool) async -> GatewayAnswer {
        var claims: [PublicationLedger.Claim] = []
        var index = 0
        while index < events.count {
            let event = events[index]
            let claim = ledger.claim(event.identity, fingerprint: event.fingerprint, now: now)
            if claim == .wait {
                // Another request is publishing this very event: wait for its outcome, then claim again.
                await withCheckedContinuation { waiting[event.identity, default: []].append($0) }
                continue
            }
            claims.append(claim)
            index += 1
        }
        let conflicts = zip(events, claims).filter { $0.1 == .conflict }.map(\.0)
        guard conflicts.isEmpty else {
            for (event, claim) in zip(events, claims) where claim == .publish { release(event.identity) }
            return .refused(SubmissionProblem(.conflict, "an event id was already used by its source for a different event; nothing was published",
                                              violations: conflicts.map {
                                                  .init(index: batch ? $0.index : nil, pointer: "id",
                                                        message: "\($0.identity) was published with other content; a new event needs a new id")
                                              }))
        }
        var results: [Int: Result<PublicationReceipt, PublishingFailure>] = [:]
        await withTaskGroup(of: (Int, Result<PublicationReceipt, PublishingFailure>).self) { group in
            for (position, (event, claim)) in zip(events, claims).enumerated() where claim == .publish {
                group.addTask { [publishing] in
                    do throws(PublishingFailure) {
                        return (position, .success(try await publishing.publish(event.record, to: event.topic)))
                    } catch {
                        return (position, .failure(error))
                    }
                }
            }
            for await (position, result) in group { results[position] = result }
        }
        var published: [GatewayAnswer.Published] = []
        var failures: [SubmissionProblem.EventViolation] = []
        let settledAt = now
        for (position, (event, claim)) in zip(events, claims).enumerated() {
            switch (claim, results[position]) {
            case (.replay(let receipt), _):
                published.append(.init(event: event, receipt: receipt, replayed: true))
                metrics.replayed(event.eventType)
            case (.publish, .success(let receipt)?):
                ledger.settle(event.identity, receipt: receipt, now: settledAt)
                resume(event.identity)
                published.append(.init(event: event, receipt: receipt, replayed: false))
                metrics.published(event.eventType)
            case (.publish, .failure(let failure)?):
                ledger.settle(event.identity, receipt: nil, now: settledAt)
                resume(event.identity)
                failures.append(.init(index: batch ? event.index : nil, pointer: "", message: failure.description))
            default:
                break
            }
        }
        guard failures.isEmpty else {
            logger.warning("events not acknowledged", metadata: ["failed": "\(failures.count)", "acknowledged": "\(published.count)"])
            let message = batch
                ? "\(published.count) of \(events.count) events were acknowledged; retry the whole batch with the same ids: those are answered again, not published twice"
                : "the broker did not acknowledge the event; retry it with the same id"
            return .refused(SubmissionProblem(.unavailable, message, violations: failures,
                                              retryAfterSeconds: limits.unavailableRetryAfterSeconds))
        }
        return .accepted(published, batch: batch)
    }

    private func release(_ identity: EventIdentity) {
        ledger.release(identity)
        resume(identity)
    }

    private func resume(_ identity: EventIdentity) {
        for continuation in waiting.removeValue(forKey: identity) ?? [] { continuation.resume() }
    }
}
