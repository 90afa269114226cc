import Foundation
import PMOModel

/// Deliverable coverage (check `deliverable-coverage`, for the plan as a whole): every chartered
/// deliverable is planned by at least one work package or milestone.
///
/// The contract has no link from work packages to deliverables, so coverage is read from the
/// plan's words. A deliverable is covered when its identifier or its name appears, ignoring case,
/// in
/// - the name of a work package or a milestone of the baseline,
/// - a code of the scope plan's work breakdown, or
/// - one of the scope plan's acceptance criteria.
///
/// The identifier must stand on its own: `D-1` is found in "D-1 platform" and "D-1.2" but not in
/// "D-10" or "PD-1" (no letter or digit right before or after it). The name is found anywhere:
/// "Customer data platform" in "Customer data platform build".
///
/// Worked example: deliverables D-1 "Customer data platform" and D-2 "Decommissioned legacy
/// databases", with work packages "Customer data platform build" and "Legacy decommissioning"
/// and no criterion naming D-2, give "Chartered deliverable D-2 (Decommissioned legacy databases)
/// is not named by any work package, milestone, WBS code or acceptance criterion."
public enum DeliverableCoverage {
    /// One finding per uncovered deliverable, in the charter's order.
    public static func check(_ plan: PlanSubmitted, charter: ProjectChartered) -> [RuleFinding] {
        let texts = (plan.baseline.workPackages.map(\.name) + plan.baseline.milestones.map(\.name)
            + (plan.subPlans.scope?.workBreakdown ?? []) + (plan.subPlans.scope?.acceptanceCriteria ?? []))
            .map { $0.lowercased() }
        return charter.deliverables.filter { !covered($0, in: texts) }.map { deliverable in
            RuleFinding(.deliverableCoverage, on: nil,
                        "Chartered deliverable \(deliverable.deliverableId) (\(deliverable.name)) is not named by any work package, milestone, WBS code or acceptance criterion.")
        }
    }

    /// Whether `deliverable` is named in one of `texts` (already lower-cased).
    static func covered(_ deliverable: Deliverable, in texts: [String]) -> Bool {
        let id = deliverable.deliverableId.lowercased()
        let name = deliverable.name.lowercased()
        return texts.contains { text in
            (!name.isEmpty && text.contains(name)) || containsToken(id, in: text)
        }
    }

    /// Whether `token` occurs in `text` with no letter or digit right before or after it.
    static func containsToken(_ token: String, in text: String) -> Bool {
        guard !token.isEmpty else { return false }
        var searchStart = text.startIndex
        while let range = text.range(of: token, range: searchStart..<text.endIndex) {
            let before = range.lowerBound == text.startIndex ? nil : text[text.index(before: range.lowerBound)]
            let after = range.upperBound == text.endIndex ? nil : text[range.upperBound]
            if !isWordCharacter(before) && !isWordCharacter(after) { return true }
            searchStart = text.index(after: range.lowerBound)
        }
        return false
    }

    private static func isWordCharacter(_ character: Character?) -> Bool {
        guard let character else { return false }
        return character.isLetter || character.isNumber
    }
}
