import Foundation

/// One drain: how fast a process under test worked off preloaded input, and at what CPU cost.
struct DrainResult {
    let target: Target
    let events: Int
    /// Inputs whose output the reader saw.
    let distinct: Int
    let complete: Bool
    /// From the first output produced to the last output visible.
    let seconds: Double
    let processCPU: Double?
    let brokerCPU: Double?
    let readerCPU: Double?
    let notes: String
    /// Which repetition this was, when drains are repeated.
    var round: Int?

    var eventsPerSecond: Double { Double(distinct) / seconds }

    var summary: String {
        String(format: "%.0f events/s, %.2f s, CPU %@ s (broker %@ s)%@", eventsPerSecond, seconds,
               processCPU.map { String(format: "%.2f", $0) } ?? "n/a", brokerCPU.map { String(format: "%.2f", $0) } ?? "n/a",
               notes.isEmpty ? "" : "; " + notes)
    }
}
