import Foundation
import Gateway
import Logging
import PMOModel

/// Takes a request's events from parsing to the broker's acknowledgement: the checks, the ledger
/// that answers retries, the token's rate, publishing. One per gateway instance; its state (the
/// ledger, the rates, requests waiting on an event another request is publishing) lives in this
/// actor, its rules in the plain values of the `Gateway` module.
///
/// The order of the steps matters: a retry of an acknowledged event is answered from the ledger
/// even while the broker is unreachable, and only events still to publish use up the token's
/// rate. A request never waits while it holds claims (it gives them back first), so two batches
/// that share events cannot wait on each other.
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
    public func submit(_ request: SubmittedRequest, grant: UpstreamGrant) async -> GatewayAnswer {
        let batch = request.isBatch
        let events: [AcceptedEvent]
        switch check.check(request, grant: grant, receivedAt: Date(), newID: { UUID().uuidString.lowercased() }) {
        case .failure(let problem): return .refused(problem)
        case .success(let accepted): events = accepted
        }
        let claims = await claimAll(events)
        let conflicts = zip(events, claims).filter { $0.1 == .conflict }.map(\.0)
        let fresh = zip(events, claims).filter { $0.1 == .publish }.map(\.0)
        func refuse(_ problem: SubmissionProblem) -> GatewayAnswer {
            for event in fresh { release(event.identity) }
            return .refused(problem)
        }
        guard conflicts.isEmpty else {
            return refuse(SubmissionProblem(.conflict, "an event id was already used by its source for a different event; nothing was published",
                                            violations: conflicts.map {
                                                .init(index: batch ? $0.index : nil, pointer: $0.idPointer,
                                                      message: "\($0.identity) was published with other content; a new event needs a new id")
                                            }))
        }
        if !fresh.isEmpty {
            if let reason = publishing.unavailableReason {
                return refuse(SubmissionProblem(.unavailable, "\(reason); retry later", retryAfterSeconds: limits.unavailableRetryAfterSeconds))
            }
            var allowance = allowances[grant.name]
                ?? RateAllowance(eventsPerSecond: grant.eventsPerSecond ?? limits.eventsPerSecond, burst: grant.burst ?? limits.burst)
            let decision = allowance.take(fresh.count, now: now)
            allowances[grant.name] = allowance
            switch decision {
            case .granted: break
            case .refused(let retryAfter):
                return refuse(SubmissionProblem(.rateLimited, "the token '\(grant.name)' may publish \(allowance.eventsPerSecond) events a second (bursts of \(allowance.burst)); retry later",
                                                retryAfterSeconds: max(1, Int(retryAfter.rounded(.up)))))
            case .exceedsBurst:
                return refuse(SubmissionProblem(.tooLarge, "the token '\(grant.name)' may publish at most \(allowance.burst) events at once; split the batch"))
            }
        }
        let outcomes = await publishing.publish(fresh.map { (record: $0.record, topic: $0.topic) })
        let settledAt = now
        var receipts: [EventIdentity: Result<PublicationReceipt, PublishingFailure>] = [:]
        for (event, outcome) in zip(fresh, outcomes) {
            receipts[event.identity] = outcome
            ledger.settle(event.identity, receipt: try? outcome.get(), now: settledAt)
            resume(event.identity)
        }
        var published: [GatewayAnswer.Published] = []
        var failures: [SubmissionProblem.EventViolation] = []
        for (event, claim) in zip(events, claims) {
            switch (claim, receipts[event.identity]) {
            case (.replay(let receipt), _):
                published.append(.init(event: event, receipt: receipt, replayed: true))
                metrics.replayed(event.eventType)
            case (.publish, .success(let receipt)?):
                published.append(.init(event: event, receipt: receipt, replayed: false))
                metrics.published(event.eventType)
            case (.publish, .failure(let failure)?):
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

    /// Claims every event in the ledger. When one is being published by another request, the
    /// claims made so far are given back before waiting for it, and claiming starts again.
    private func claimAll(_ events: [AcceptedEvent]) async -> [PublicationLedger.Claim] {
        while true {
            var claims: [PublicationLedger.Claim] = []
            var busy: EventIdentity?
            for event in events {
                let claim = ledger.claim(event.identity, fingerprint: event.fingerprint, now: now)
                if claim == .wait {
                    busy = event.identity
                    break
                }
                claims.append(claim)
            }
            guard let busy else { return claims }
            for (event, claim) in zip(events, claims) where claim == .publish { release(event.identity) }
            await withCheckedContinuation { waiting[busy, default: []].append($0) }
        }
    }

    private func release(_ identity: EventIdentity) {
        ledger.release(identity)
        resume(identity)
    }

    private func resume(_ identity: EventIdentity) {
        for continuation in waiting.removeValue(forKey: identity) ?? [] { continuation.resume() }
    }
}
