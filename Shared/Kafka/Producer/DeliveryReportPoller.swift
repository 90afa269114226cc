import CRdKafka
import Dispatch
import Foundation
import Synchronization

/// The thread that serves a producer's delivery reports, statistics and logs by calling
/// `rd_kafka_poll` until it is stopped. It holds the handle, so the handle outlives it.
final class DeliveryReportPoller: Sendable {
    private let stopped = Atomic<Bool>(false)
    private let finished = DispatchSemaphore(value: 0)

    /// Starts polling `handle` on a new thread.
    init(handle: KafkaHandle) {
        let thread = Thread { [self] in
            while !stopped.load(ordering: .acquiring) {
                rd_kafka_poll(handle.pointer, 100)
            }
            finished.signal()
        }
        thread.name = "kafka-producer-poll"
        thread.start()
    }

    /// Asks the thread to stop after its current poll, without waiting.
    func stop() {
        stopped.store(true, ordering: .releasing)
    }

    /// Stops the thread and waits until it has finished (at most one poll interval).
    /// Blocks: call it only from a blocking-call thread.
    func stopAndWait() {
        guard !stopped.exchange(true, ordering: .acquiringAndReleasing) else { return }
        finished.wait()
    }
}
