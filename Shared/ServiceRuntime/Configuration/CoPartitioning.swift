/// The rule that lets one task own partition N of every input topic and of the changelog: they
/// must all have the same partition count. A plain check, tested without a broker; the runner
/// refuses to start when it fails.
public enum CoPartitioning: Equatable, Sendable {
    case consistent
    case mismatch(String)

    /// Checks the partition counts of the input topics and the changelog.
    public static func check(_ counts: [String: Int32], changelog: String) -> CoPartitioning {
        let distinct = Set(counts.values)
        guard distinct.count > 1 else { return .consistent }
        let listed = counts.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ")
        return .mismatch("the input topics and the changelog \(changelog) must have the same partition count, "
                         + "so that partition N of each holds the same keys; found \(listed). "
                         + "Repartition them to one count (or recreate the changelog) before starting the service")
    }
}
