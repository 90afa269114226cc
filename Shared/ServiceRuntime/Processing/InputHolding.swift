import Foundation

/// How long, and how many, inputs a service keeps for a project while it cannot decide on them.
///
/// An input that arrived before what it refers to (at intake a review before its proposal or
/// revision, a resubmission before the decision on the previous revision; at planning a plan
/// before its charter, an expert review before its plan revision) is *held*; an input that
/// arrived before both a policy and a roster were published *waits*. Both are kept in the
/// project's state and bounded here:
///
/// - **Hold period** (`--hold-early-inputs-s`, ``defaultPeriod``: 10 minutes). A held input that
///   is still early when the period is over is refused with the reason it was held. A waiting
///   input older than the period is refused, not decided late, at the first moment a policy is
///   known: a refusal records the policy version it was made under, so before any policy is
///   published nothing can be refused.
/// - **Limit** (``defaultLimit``: 32 per project, held and waiting together). When one more is
///   kept, the oldest beyond the limit is refused with the reason. The legitimate maximum is far
///   lower: one resubmission and the reviews of two revisions.
public struct InputHolding: Sendable, Equatable {
    /// Ten minutes.
    public static let defaultPeriod: TimeInterval = 600
    /// Thirty-two inputs per project.
    public static let defaultLimit = 32

    /// Seconds an input is kept before it is refused.
    public var period: TimeInterval
    /// The most inputs kept per project.
    public var limit: Int
    /// The service's name, as refusals call it (`intake`, `planning`).
    public var service: String

    /// Holding for `period` seconds, at most `limit` inputs per project (at least one), for the
    /// service called `service` in refusals.
    public init(period: TimeInterval = InputHolding.defaultPeriod, limit: Int = InputHolding.defaultLimit,
                service: String = "intake") {
        self.period = period
        self.limit = max(1, limit)
        self.service = service
    }

    /// True when an input kept since `since` has been kept for the whole period at `now`.
    public func isOver(since: Date, at now: Date) -> Bool {
        now.timeIntervalSince(since) >= period
    }

    /// The reason a held input is refused when the period is over.
    public func expired(_ reason: String) -> String {
        "\(reason) (held \(minutes) min for it to arrive)"
    }

    /// The reason a waiting input is refused when the period is over.
    public var noReferenceData: String {
        "\(service) had no policy and roster to decide with within the hold period (\(minutes) min) after it arrived; submit it again"
    }

    /// The reason the oldest input beyond the limit is refused.
    public func excess(_ reason: String, project: String) -> String {
        "\(reason); refused because more than \(limit) inputs of \(project) were kept at once waiting to be decided (the oldest goes first)"
    }

    /// The reason an input waits for the reference data.
    public static let waitingReason = "no policy and roster had been published to decide with"

    private var minutes: String { String(format: "%.0f", period / 60) }
}
