import PMOModel

/// The completeness screening: every section of the proposal template must be present and not
/// empty before a proposal is scored. An incomplete proposal is returned for revision with one
/// finding per missing section.
public enum CompletenessScreening {
    /// The result of screening one proposal revision.
    public enum Result: Equatable, Sendable {
        /// Every section is there.
        case complete
        /// These sections are missing or empty, in template order.
        case incomplete(missing: [ProposalSection])
    }

    /// Screens `proposal`.
    public static func screen(_ proposal: ProposalSubmitted) -> Result {
        let missing = proposal.missingSections
        return missing.isEmpty ? .complete : .incomplete(missing: missing)
    }

    /// One major finding per missing section, for the decision that returns the proposal.
    public static func findings(for missing: [ProposalSection]) -> [ProposalFinding] {
        missing.map {
            ProposalFinding(section: $0, severity: .major,
                            finding: "The \(title(of: $0)) section is missing or empty; the proposal template requires it.")
        }
    }

    /// The section's name as people write it ("business case", "resource needs").
    public static func title(of section: ProposalSection) -> String {
        section.rawValue.replacingOccurrences(of: "-", with: " ")
    }
}
