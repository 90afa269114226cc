import Foundation
import Synchronization

/// End-to-end latencies of one benchmark run: when each input was sent, when its output arrived.
struct LatencyRecorder {
    private var sent: [String: UInt64] = [:]
    /// Outputs that arrived before their input's delivery report was read.
    private var early: [String: UInt64] = [:]
    private(set) var latenciesNs: [UInt64] = []
    private(set) var firstSent: UInt64?
    private(set) var lastReceived: UInt64?

    mutating func sent(_ id: String, at time: UInt64) {
        if firstSent == nil { firstSent = time }
        if let arrival = early.removeValue(forKey: id) {
            sent[id] = time
            received(id, at: arrival)
        } else {
            sent[id] = time
        }
    }

    /// Records the arrival of the output for input `id`; returns false for an unknown or repeated id.
    @discardableResult
    mutating func received(_ id: String, at time: UInt64) -> Bool {
        guard let start = sent.removeValue(forKey: id) else {
            early[id] = time
            return false
        }
        latenciesNs.append(time >= start ? time - start : 0)
        lastReceived = max(lastReceived ?? 0, time)
        return true
    }

    var outstanding: Int { sent.count }

    func percentile(_ p: Double) -> Double {
        guard !latenciesNs.isEmpty else { return .nan }
        let sorted = latenciesNs.sorted()
        let index = min(sorted.count - 1, Int((p / 100 * Double(sorted.count)).rounded(.up)) - 1)
        return Double(sorted[max(0, index)]) / 1_000_000
    }

    /// Outputs per second from the first send to the last arrival.
    var throughput: Double {
        guard let firstSent, let lastReceived, lastReceived > firstSent else { return .nan }
        return Double(latenciesNs.count) / (Double(lastReceived - firstSent) / 1_000_000_000)
    }
}

/// Nanoseconds on the monotonic clock.
func monotonicNanoseconds() -> UInt64 {
    DispatchTime.now().uptimeNanoseconds
}

/// A `LatencyRecorder` shared by the sending loop and the delivery-report resolver.
final class SharedRecorder: Sendable {
    private let recorder = Mutex(LatencyRecorder())

    func sent(_ id: String, at time: UInt64) {
        recorder.withLock { $0.sent(id, at: time) }
    }

    func received(_ id: String, at time: UInt64) {
        recorder.withLock { _ = $0.received(id, at: time) }
    }

    var snapshot: LatencyRecorder { recorder.withLock { $0 } }
}
