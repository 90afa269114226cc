import Kafka

/// The transaction of one partition task, as an explicit state machine: a plain value whose
/// transitions return the action the processing loop must take next. No I/O happens here, so
/// every path is tested without a broker.
///
/// It follows librdkafka's transactional rules:
/// - a call that fails with a retriable error (or times out) is called *again*, never replaced by
///   another: a commit that timed out is still in progress inside librdkafka, and aborting it
///   fails with `_CONFLICT` and leaves the producer unusable;
/// - an error that requires an abort is answered by an abort, and only once no commit is pending;
/// - a fatal or fenced error ends the instance;
/// - retries stop at `Limits.retryBudget` (shorter than `transaction.timeout.ms`): then the
///   instance marks itself unhealthy and exits non-zero, so that the orchestrator restarts it,
///   instead of running on without ever committing again.
public struct PartitionTransaction: Sendable, Equatable {
    /// Where the transaction is.
    public enum Phase: Sendable, Equatable {
        /// No transaction is open; the next record begins one.
        case idle
        /// A transaction is open and holds `records` input records.
        case open(records: Int)
        /// A commit is under way, at `step`. Only the same call may follow a retriable failure.
        case committing(attempt: Int, step: CommitStep)
        /// An abort is under way.
        case aborting(attempt: Int)
        /// The producer cannot be used any more; the instance must exit. Terminal.
        case failed(reason: String)
    }

    /// The steps of a commit, in order.
    public enum CommitStep: Sendable, Equatable {
        /// Waiting until every output and dead letter of the transaction is acknowledged, then
        /// writing the changelog. The changelog is written only once the outputs are on the
        /// broker, so that on a broker that shows aborted records (the embedded one) a leaked
        /// state change is always backed by its leaked outputs. An abort is still allowed here.
        case flushing
        /// Adding the consumed offsets to the transaction.
        case sendingOffsets
        /// Committing: from here on, never abort (librdkafka still holds the commit).
        case committing
    }

    /// A librdkafka call the loop makes for the transaction.
    public enum Call: Sendable, Equatable, CaseIterable {
        /// Begin a transaction.
        case begin
        /// Flush the transaction's outputs, then produce its changelog records.
        case flushAndWriteChangelog
        case sendOffsets, commit, abort
    }

    /// What the loop must do next.
    public enum Action: Sendable, Equatable {
        /// Nothing: carry on.
        case proceed
        /// Make `call` now (after `pause` when it is a retry).
        case call(Call, pause: Duration)
        /// The commit succeeded: the state and offsets of the transaction become the committed ones.
        case markCommitted
        /// The abort succeeded: forget the transaction's state changes and rewind its input
        /// partitions (and the failing record's own) to the committed offsets.
        case rewind
        /// Mark the instance unhealthy and exit non-zero.
        case exit(reason: String)
    }

    /// How long and how often calls are retried.
    public struct Limits: Sendable, Equatable {
        /// The longest a commit or an abort is retried, measured from its first attempt. Keep it
        /// below `transaction.timeout.ms`: past that the broker aborts the transaction anyway.
        public var retryBudget: Duration
        /// The pause before the n-th retry is `n × retryPause`, at most `maximumPause`.
        public var retryPause: Duration
        public var maximumPause: Duration

        public init(retryBudget: Duration, retryPause: Duration = .milliseconds(100), maximumPause: Duration = .seconds(2)) {
            self.retryBudget = retryBudget
            self.retryPause = retryPause
            self.maximumPause = maximumPause
        }
    }

    public private(set) var phase: Phase = .idle
    /// Whether the commit under way sends consumed offsets.
    private var sendsOffsets = true
    /// When the current commit or abort made its first attempt, for the retry budget.
    private var callStarted: ContinuousClock.Instant?
    public let limits: Limits

    public init(limits: Limits) {
        self.limits = limits
    }

    /// Whether a transaction is open or being finished.
    public var isOpen: Bool {
        switch phase {
        case .open, .committing, .aborting: true
        case .idle, .failed: false
        }
    }

    /// The number of input records in the open transaction.
    public var records: Int {
        if case .open(let records) = phase { return records }
        return 0
    }

    // MARK: Beginning and filling

    /// Before a record (or a tick's work) is added: begin a transaction unless one is open.
    public func prepareToAdd() -> Action {
        switch phase {
        case .idle: .call(.begin, pause: .zero)
        case .open: .proceed
        case .committing, .aborting: .exit(reason: "a record arrived while a transaction was being finished")
        case .failed(let reason): .exit(reason: reason)
        }
    }

    /// `beginTransaction` succeeded.
    public mutating func began() {
        if case .idle = phase { phase = .open(records: 0) }
    }

    /// One more input record is part of the open transaction.
    public mutating func added() {
        if case .open(let records) = phase { phase = .open(records: records + 1) }
    }

    // MARK: Committing

    /// Starts the commit of the open transaction. `withOffsets` is false when it consumed no
    /// input (time-driven work only), so there are no offsets to send.
    public mutating func commit(withOffsets: Bool, now: ContinuousClock.Instant) -> Action {
        switch phase {
        case .open:
            phase = .committing(attempt: 1, step: .flushing)
            sendsOffsets = withOffsets
            callStarted = now
            return .call(.flushAndWriteChangelog, pause: .zero)
        case .idle:
            return .proceed
        case .committing, .aborting:
            return .exit(reason: "a commit was asked for while one was under way")
        case .failed(let reason):
            return .exit(reason: reason)
        }
    }

    /// Every output is acknowledged and the changelog records are queued.
    public mutating func changelogWritten() -> Action {
        guard case .committing(let attempt, .flushing) = phase else { return unexpected("changelog written") }
        phase = .committing(attempt: attempt, step: sendsOffsets ? .sendingOffsets : .committing)
        return .call(sendsOffsets ? .sendOffsets : .commit, pause: .zero)
    }

    /// `sendOffsetsToTransaction` succeeded.
    public mutating func offsetsSent() -> Action {
        guard case .committing(let attempt, .sendingOffsets) = phase else { return unexpected("offsets sent") }
        phase = .committing(attempt: attempt, step: .committing)
        return .call(.commit, pause: .zero)
    }

    /// `commitTransaction` succeeded.
    public mutating func committed() -> Action {
        guard case .committing = phase else { return unexpected("committed") }
        phase = .idle
        callStarted = nil
        return .markCommitted
    }

    // MARK: Aborting

    /// Something inside the open transaction failed (producing an output, a dead letter or the
    /// changelog): the transaction cannot be trusted and is aborted.
    public mutating func failedInside(_ error: KafkaError, now: ContinuousClock.Instant) -> Action {
        if error.isFatal || error.isFenced { return fail("\(error)") }
        switch phase {
        case .open:
            return startAbort(now: now)
        case .idle:
            return .proceed
        case .committing, .aborting:
            return unexpected("a failure inside the transaction")
        case .failed(let reason):
            return .exit(reason: reason)
        }
    }

    /// Something encoded only for the commit cannot be written: a key's state over the record
    /// size limit, or an output held for a coalesced topic that is over it or breaks the
    /// contracts. The transaction is aborted so that its inputs are processed again, each one's
    /// state and outputs checked as it is applied (the input responsible then becomes a dead
    /// letter).
    public mutating func uncommittable(now: ContinuousClock.Instant) -> Action {
        switch phase {
        case .open:
            return startAbort(now: now)
        case .idle:
            return .proceed
        case .committing, .aborting:
            return unexpected("something the commit cannot write")
        case .failed(let reason):
            return .exit(reason: reason)
        }
    }

    /// `abortTransaction` succeeded.
    public mutating func aborted() -> Action {
        guard case .aborting = phase else { return unexpected("aborted") }
        phase = .idle
        callStarted = nil
        return .rewind
    }

    // MARK: Failed calls

    /// A transactional call failed with `error` at `now`.
    public mutating func callFailed(_ call: Call, _ error: KafkaError, now: ContinuousClock.Instant) -> Action {
        if error.isFatal || error.isFenced { return fail("\(call) failed: \(error)") }
        switch (phase, call) {
        case (.idle, .begin):
            // librdkafka refuses to begin only when the producer is in a state it cannot leave.
            return fail("cannot begin a transaction: \(error)")
        case (.committing(let attempt, .flushing), .flushAndWriteChangelog):
            // Nothing is being committed yet: a flush that timed out is tried again; any other
            // failure (an output that was refused, a moved record that was not delivered, a
            // changelog record that cannot be queued) aborts, before a single changelog record
            // reached the broker. So does one that says so, timed out or not.
            if !error.requiresAbort, error.isTimeout || error.isRetriable {
                guard withinBudget(now) else {
                    return fail("\(call) kept failing for \(limits.retryBudget) (\(attempt) attempts): \(error)")
                }
                phase = .committing(attempt: attempt + 1, step: .flushing)
                return .call(call, pause: pause(after: attempt))
            }
            return startAbort(now: now)
        case (.committing(let attempt, let step), .sendOffsets) where step == .sendingOffsets,
             (.committing(let attempt, let step), .commit) where step == .committing:
            if error.requiresAbort { return startAbort(now: now) }
            guard error.isRetriable || error.isTimeout else { return fail("\(call) failed: \(error)") }
            guard withinBudget(now) else {
                return fail("\(call) kept failing for \(limits.retryBudget) (\(attempt) attempts): \(error)")
            }
            phase = .committing(attempt: attempt + 1, step: step)
            return .call(call, pause: pause(after: attempt))
        case (.aborting(let attempt), .abort):
            guard error.isRetriable || error.isTimeout else { return fail("abort failed: \(error)") }
            guard withinBudget(now) else {
                return fail("abort kept failing for \(limits.retryBudget) (\(attempt) attempts): \(error)")
            }
            phase = .aborting(attempt: attempt + 1)
            return .call(.abort, pause: pause(after: attempt))
        case (.failed(let reason), _):
            return .exit(reason: reason)
        default:
            return unexpected("\(call) failed in phase \(phase)")
        }
    }

    /// The instance gives the partition up without committing (the partition was lost): abort
    /// what is open; nothing to do when idle.
    public mutating func abandon(now: ContinuousClock.Instant) -> Action {
        switch phase {
        case .open: startAbort(now: now)
        case .idle: .proceed
        case .committing, .aborting: unexpected("abandoning while a transaction is being finished")
        case .failed(let reason): .exit(reason: reason)
        }
    }

    // MARK: Private

    private mutating func startAbort(now: ContinuousClock.Instant) -> Action {
        phase = .aborting(attempt: 1)
        callStarted = now
        return .call(.abort, pause: .zero)
    }

    private mutating func fail(_ reason: String) -> Action {
        phase = .failed(reason: reason)
        callStarted = nil
        return .exit(reason: reason)
    }

    private mutating func unexpected(_ what: String) -> Action {
        fail("transaction state machine: unexpected \(what) in phase \(phase)")
    }

    private func withinBudget(_ now: ContinuousClock.Instant) -> Bool {
        guard let callStarted else { return false }
        return now - callStarted < limits.retryBudget
    }

    private func pause(after attempt: Int) -> Duration {
        min(limits.retryPause * attempt, limits.maximumPause)
    }
}
