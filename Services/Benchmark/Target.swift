/// A process the benchmark measures.
enum Target: String, CaseIterable, Sendable {
    case cRaw = "c-raw"
    case cExactlyOnce = "c-eos"
    case cExactlyOnceByKey = "c-eos-key"
    case cExactlyOnceNoChangelog = "c-eos-none"
    case swiftRaw = "swift-raw"
    case swiftExactlyOnce = "swift-eos"

    var title: String {
        switch self {
        case .cRaw: "C raw pass-through"
        case .cExactlyOnce: "C exactly-once, changelog per input"
        case .cExactlyOnceByKey: "C exactly-once, changelog per key"
        case .cExactlyOnceNoChangelog: "C exactly-once, no changelog"
        case .swiftRaw: "Swift raw pass-through"
        case .swiftExactlyOnce: "Swift runtime exactly-once (counter)"
        }
    }

    /// The C reference's `--changelog-mode`, for its exactly-once runs.
    var changelogMode: String? {
        switch self {
        case .cExactlyOnce: "input"
        case .cExactlyOnceByKey: "key"
        case .cExactlyOnceNoChangelog: "none"
        default: nil
        }
    }
}
