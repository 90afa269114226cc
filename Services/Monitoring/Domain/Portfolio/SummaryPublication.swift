import Foundation
import PMOModel

/// When the summary stage publishes the portfolio summary: a pure state machine, so the rule is
/// tested without Kafka.
///
/// The stage asks ``decide(registerLoaded:isLeader:now:summary:)`` whenever it has read records
/// or its timer fires, and reports a successful send with ``published(_:at:)``. It publishes only
/// - once the register has been read to its end (a freshly started instance would otherwise
///   publish a partial portfolio),
/// - while this instance is the leader (it owns input partition 0), so one instance publishes,
/// - when a policy is known (the summary needs its currency),
/// - when the summary differs from the last one it published (``PortfolioSummary/differs(_:_:)``:
///   everything but `publishedAt`),
/// - and at most once per ``interval``: a change within the interval waits for its end, and then
///   the summary as it is by then is published.
///
/// Losing the leadership forgets the last summary published: another instance may publish in
/// between, so on regaining it the instance publishes its current summary once, even if it equals
/// the one it published before.
public struct SummaryPublication: Sendable {
    /// What to do now.
    public enum Decision: Sendable, Equatable {
        /// Publish this summary, then call ``SummaryPublication/published(_:at:)``.
        case publish(PortfolioSummaryPublished)
        /// Publish nothing now, for this reason.
        case wait(Reason)
    }

    /// Why nothing is published now.
    public enum Reason: Sendable, Equatable {
        /// The register has not been read to its end yet.
        case registerLoading
        /// Another instance is the leader.
        case notLeader
        /// No policy has been published yet.
        case noPolicy
        /// The summary is the one last published.
        case unchanged
        /// The last summary was published less than the interval ago; the next may go at `until`.
        case interval(until: Date)
    }

    /// The shortest time between two publications.
    public let interval: Duration
    /// The last summary this instance published while leader (forgotten when it stops leading).
    public private(set) var lastPublished: PortfolioSummaryPublished?
    /// When it was published.
    public private(set) var lastPublishedAt: Date?

    /// A publication that has published nothing yet.
    public init(interval: Duration = .seconds(5)) {
        self.interval = interval
    }

    /// Whether to publish now. `summary` computes the current summary (`nil` without a policy);
    /// it is called only when the other conditions allow a publication.
    public mutating func decide(registerLoaded: Bool, isLeader: Bool, now: Date,
                                summary: () -> PortfolioSummaryPublished?) -> Decision {
        guard isLeader else {
            lastPublished = nil
            return .wait(.notLeader)
        }
        guard registerLoaded else { return .wait(.registerLoading) }
        if let lastPublishedAt {
            let next = lastPublishedAt.addingTimeInterval(interval.seconds)
            if now < next { return .wait(.interval(until: next)) }
        }
        guard let current = summary() else { return .wait(.noPolicy) }
        if let lastPublished, !PortfolioSummary.differs(current, lastPublished) { return .wait(.unchanged) }
        return .publish(current)
    }

    /// Records that `summary` was published at `now`.
    public mutating func published(_ summary: PortfolioSummaryPublished, at now: Date) {
        lastPublished = summary
        lastPublishedAt = now
    }
}

extension Duration {
    /// The duration in seconds, fractions included.
    var seconds: TimeInterval {
        let (seconds, attoseconds) = components
        return TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18
    }
}
