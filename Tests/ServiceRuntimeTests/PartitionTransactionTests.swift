import Kafka
import Testing
@testable import ServiceRuntime

/// The transaction state machine, without a broker: every path librdkafka's rules allow, and
/// the ones they forbid.
@Suite("Partition transaction state machine")
struct PartitionTransactionTests {
    let start = ContinuousClock.now
    let limits = PartitionTransaction.Limits(retryBudget: .seconds(50), retryPause: .milliseconds(100), maximumPause: .seconds(2))

    static let retriable = KafkaError(code: 15, name: "COORDINATOR_NOT_AVAILABLE", message: "", isRetriable: true)
    static let timedOut = KafkaError(code: -185, name: "_TIMED_OUT", message: "")
    static let abortable = KafkaError(code: 48, name: "INVALID_TXN_STATE", message: "", requiresAbort: true)
    static let fenced = KafkaError(code: 90, name: "PRODUCER_FENCED", message: "")
    static let fatal = KafkaError(code: -150, name: "_FATAL", message: "", isFatal: true)
    static let conflict = KafkaError(code: -140, name: "_CONFLICT", message: "conflicting call in progress")

    private func opened() -> PartitionTransaction {
        var transaction = PartitionTransaction(limits: limits)
        #expect(transaction.prepareToAdd() == .call(.begin, pause: .zero))
        transaction.began()
        transaction.added()
        return transaction
    }

    @Test("begin, add, send offsets, commit: the happy path")
    func happyPath() {
        var transaction = opened()
        #expect(transaction.prepareToAdd() == .proceed, "an open transaction takes more records")
        transaction.added()
        #expect(transaction.records == 2)
        #expect(transaction.commit(withOffsets: true, now: start) == .call(.flushAndWriteChangelog, pause: .zero),
                "outputs are acknowledged before the changelog is written")
        #expect(transaction.changelogWritten() == .call(.sendOffsets, pause: .zero))
        #expect(transaction.offsetsSent() == .call(.commit, pause: .zero))
        #expect(transaction.committed() == .markCommitted)
        #expect(transaction.phase == .idle)
        #expect(transaction.commit(withOffsets: true, now: start) == .proceed, "nothing open, nothing to commit")
    }

    @Test("something the commit cannot write (a state too large, a held output refused) aborts the open transaction and rewinds it; nothing happens when none is open")
    func stateTooLargeAborts() {
        var transaction = opened()
        #expect(transaction.uncommittable(now: start) == .call(.abort, pause: .zero))
        #expect(transaction.aborted() == .rewind)
        #expect(transaction.phase == .idle)
        #expect(transaction.uncommittable(now: start) == .proceed)
    }

    @Test("a transaction of time-driven work only commits without offsets")
    func commitWithoutOffsets() {
        var transaction = opened()
        #expect(transaction.commit(withOffsets: false, now: start) == .call(.flushAndWriteChangelog, pause: .zero))
        #expect(transaction.changelogWritten() == .call(.commit, pause: .zero))
        #expect(transaction.committed() == .markCommitted)
    }

    @Test("a commit that times out is called again, never aborted (the old code aborted and got _CONFLICT)")
    func commitTimeoutRetriesTheCommit() {
        var transaction = opened()
        _ = transaction.commit(withOffsets: true, now: start)
        _ = transaction.changelogWritten()
        _ = transaction.offsetsSent()
        var now = start
        for attempt in 1...5 {
            now = now.advanced(by: .seconds(5))
            let action = transaction.callFailed(.commit, Self.timedOut, now: now)
            #expect(action == .call(.commit, pause: min(.milliseconds(100) * attempt, .seconds(2))), "attempt \(attempt)")
            #expect(transaction.phase == .committing(attempt: attempt + 1, step: .committing))
        }
        #expect(transaction.committed() == .markCommitted)
    }

    @Test("sending offsets that fails retriably sends them again, then commits")
    func sendOffsetsRetry() {
        var transaction = opened()
        _ = transaction.commit(withOffsets: true, now: start)
        _ = transaction.changelogWritten()
        #expect(transaction.callFailed(.sendOffsets, Self.retriable, now: start) == .call(.sendOffsets, pause: .milliseconds(100)))
        #expect(transaction.offsetsSent() == .call(.commit, pause: .zero))
    }

    @Test("when the retry budget is spent the instance exits instead of running on without committing")
    func retryBudgetExhausted() {
        var transaction = opened()
        _ = transaction.commit(withOffsets: true, now: start)
        _ = transaction.changelogWritten()
        _ = transaction.offsetsSent()
        #expect(transaction.callFailed(.commit, Self.timedOut, now: start.advanced(by: .seconds(49))) != .exit(reason: ""))
        let action = transaction.callFailed(.commit, Self.timedOut, now: start.advanced(by: .seconds(50)))
        guard case .exit(let reason) = action else {
            Issue.record("expected exit, got \(action)")
            return
        }
        #expect(reason.contains("kept failing"))
        #expect(transaction.prepareToAdd() == .exit(reason: reason), "a failed transaction never begins again")
        if case .failed = transaction.phase {} else { Issue.record("phase \(transaction.phase)") }
    }

    @Test("an error that requires an abort during the commit aborts; the abort rewinds")
    func abortableCommit() {
        var transaction = opened()
        _ = transaction.commit(withOffsets: true, now: start)
        _ = transaction.changelogWritten()
        _ = transaction.offsetsSent()
        #expect(transaction.callFailed(.commit, Self.abortable, now: start) == .call(.abort, pause: .zero))
        #expect(transaction.phase == .aborting(attempt: 1))
        #expect(transaction.aborted() == .rewind)
        #expect(transaction.phase == .idle)
        #expect(transaction.prepareToAdd() == .call(.begin, pause: .zero), "a new transaction may begin after the abort")
    }

    @Test("an abort that times out is called again; one that fails otherwise ends the instance")
    func abortRetries() {
        var transaction = opened()
        #expect(transaction.failedInside(Self.abortable, now: start) == .call(.abort, pause: .zero))
        #expect(transaction.callFailed(.abort, Self.timedOut, now: start) == .call(.abort, pause: .milliseconds(100)))
        let action = transaction.callFailed(.abort, Self.conflict, now: start)
        guard case .exit = action else {
            Issue.record("an abort that fails with _CONFLICT must end the instance, got \(action)")
            return
        }
    }

    @Test("fenced and fatal errors end the instance from any phase")
    func fencedAndFatal() {
        for error in [Self.fenced, Self.fatal] {
            var open = opened()
            guard case .exit = open.failedInside(error, now: start) else { Issue.record("open: \(error)"); continue }
            var committing = opened()
            _ = committing.commit(withOffsets: true, now: start)
            _ = committing.changelogWritten()
            guard case .exit = committing.callFailed(.sendOffsets, error, now: start) else { Issue.record("committing: \(error)"); continue }
            var aborting = opened()
            _ = aborting.failedInside(Self.abortable, now: start)
            guard case .exit = aborting.callFailed(.abort, error, now: start) else { Issue.record("aborting: \(error)"); continue }
        }
    }

    @Test("a flush that times out is tried again; an output refused before the changelog is written aborts")
    func flushStep() {
        var transaction = opened()
        _ = transaction.commit(withOffsets: true, now: start)
        #expect(transaction.callFailed(.flushAndWriteChangelog, Self.timedOut, now: start)
                == .call(.flushAndWriteChangelog, pause: .milliseconds(100)))
        let refused = KafkaError(code: -172, name: "_STATE", message: "the transaction cannot take more records")
        #expect(transaction.callFailed(.flushAndWriteChangelog, refused, now: start) == .call(.abort, pause: .zero),
                "nothing is committed yet, so the transaction can still be aborted")
        #expect(transaction.aborted() == .rewind)
    }

    @Test("a moved record that timed out aborts at the flush instead of being waited for again")
    func undeliveredMoveAborts() {
        var transaction = opened()
        _ = transaction.commit(withOffsets: true, now: start)
        let undelivered = KafkaError(code: -192, name: "_MSG_TIMED_OUT", message: "a record moved to its key's partition was not delivered",
                                     requiresAbort: true)
        #expect(transaction.callFailed(.flushAndWriteChangelog, undelivered, now: start) == .call(.abort, pause: .zero),
                "waiting again gets the same failed delivery; only reading the record again moves it again")
        #expect(transaction.aborted() == .rewind)
    }

    @Test("a call that does not belong to the current step ends the instance")
    func outOfStep() {
        var transaction = opened()
        _ = transaction.commit(withOffsets: true, now: start)
        guard case .exit = transaction.offsetsSent() else { Issue.record("offsets cannot be sent before the flush"); return }
    }

    @Test("a commit error that is neither retriable nor abortable ends the instance")
    func unknownCommitError() {
        var transaction = opened()
        _ = transaction.commit(withOffsets: true, now: start)
        _ = transaction.changelogWritten()
        _ = transaction.offsetsSent()
        guard case .exit = transaction.callFailed(.commit, Self.conflict, now: start) else {
            Issue.record("expected exit")
            return
        }
    }

    @Test("beginning fails only in a state librdkafka cannot leave: the instance exits")
    func beginFailure() {
        var transaction = PartitionTransaction(limits: limits)
        _ = transaction.prepareToAdd()
        guard case .exit = transaction.callFailed(.begin, Self.conflict, now: start) else {
            Issue.record("expected exit")
            return
        }
    }

    @Test("records and new commits are refused while a commit or an abort is under way")
    func noOverlap() {
        var committing = opened()
        _ = committing.commit(withOffsets: true, now: start)
        guard case .exit = committing.prepareToAdd() else { Issue.record("add during commit"); return }
        var aborting = opened()
        _ = aborting.failedInside(Self.abortable, now: start)
        guard case .exit = aborting.commit(withOffsets: true, now: start) else { Issue.record("commit during abort"); return }
    }

    @Test("a lost partition's open transaction is aborted; an idle one needs nothing")
    func abandon() {
        var open = opened()
        #expect(open.abandon(now: start) == .call(.abort, pause: .zero))
        var idle = PartitionTransaction(limits: limits)
        #expect(idle.abandon(now: start) == .proceed)
    }
}
