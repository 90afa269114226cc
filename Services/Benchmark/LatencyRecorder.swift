import Foundation
import Histogram
import Synchronization

/// End-to-end latencies of one steady-rate run: when each input was published, when its output
/// arrived. Latencies go into an HDR histogram (microseconds, three significant digits).
struct LatencyRecorder {
    private var sent: [String: UInt64] = [:]
    /// Outputs that arrived before their input's delivery report was read.
    private var early: [String: UInt64] = [:]
    private(set) var histogram = Histogram<UInt64>(lowestDiscernibleValue: 1, highestTrackableValue: 3_600_000_000,
                                                   numberOfSignificantValueDigits: .three)
    private(set) var firstSent: UInt64?
    private(set) var lastSent: UInt64?
    private(set) var lastReceived: UInt64?

    mutating func sent(_ id: String, at time: UInt64) {
        firstSent = min(firstSent ?? time, time)
        lastSent = max(lastSent ?? time, time)
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
        let micros = time >= start ? (time - start) / 1000 : 0
        histogram.record(max(1, micros))
        lastReceived = max(lastReceived ?? 0, time)
        return true
    }

    /// Inputs whose output has not arrived.
    var outstanding: Int { sent.count }
    /// Outputs that answer no input published (duplicates, or an input whose delivery report failed).
    var unmatched: Int { early.count }
    /// Outputs that arrived.
    var count: Int { Int(histogram.totalCount) }

    /// The latency at percentile `p` (0–100), in milliseconds.
    func percentile(_ p: Double) -> Double {
        histogram.totalCount == 0 ? .nan : Double(histogram.valueAtPercentile(p)) / 1000
    }

    /// The largest latency, in milliseconds.
    var maximum: Double { histogram.totalCount == 0 ? .nan : Double(histogram.max) / 1000 }

    /// Records the input topic gained beyond those published (a producer retry the broker kept twice).
    var extraInputs = 0

    /// Outputs per second, from the first publication to the last output.
    var outputRate: Double {
        guard let firstSent, let lastReceived, lastReceived > firstSent else { return .nan }
        return Double(count) / (Double(lastReceived - firstSent) / 1e9)
    }

    /// Inputs published per second, from the first to the last publication.
    var publishedRate: Double {
        guard let firstSent, let lastSent, lastSent > firstSent else { return .nan }
        return Double(count + outstanding - 1) / (Double(lastSent - firstSent) / 1e9)
    }
}

/// Nanoseconds on the monotonic clock.
func monotonicNanoseconds() -> UInt64 {
    DispatchTime.now().uptimeNanoseconds
}

/// A `LatencyRecorder` shared by the sending loop, the delivery-report resolver and the reader.
final class SharedRecorder: Sendable {
    private let recorder = Mutex(LatencyRecorder())

    func sent(_ id: String, at time: UInt64) {
        recorder.withLock { $0.sent(id, at: time) }
    }

    /// Records arrivals; returns how many outputs have been matched to their input so far.
    func received(_ ids: [String], at time: UInt64) -> Int {
        recorder.withLock { recorder in
            for id in ids { recorder.received(id, at: time) }
            return recorder.count
        }
    }

    /// How many outputs have been matched to their input so far.
    var matched: Int { recorder.withLock { $0.count } }

    var snapshot: LatencyRecorder { recorder.withLock { $0 } }

    func noteExtraInputs(_ count: Int) { recorder.withLock { $0.extraInputs = count } }
}
