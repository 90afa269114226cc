import PMOModel

/// The portfolio priority a chartered project gets from its assessment score:
/// 85 and above critical, 75 high, 65 medium, below that low.
public enum PriorityBands {
    /// The priority for a total score.
    public static func priority(forScore score: Double) -> Priority {
        switch score {
        case 85...: .critical
        case 75..<85: .high
        case 65..<75: .medium
        default: .low
        }
    }
}
