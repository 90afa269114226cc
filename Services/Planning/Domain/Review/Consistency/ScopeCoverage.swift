import PMOModel

/// Scope coverage (check `scope-coverage`, on the scope plan): the scope plan's work breakdown
/// lists exactly the baseline's work packages, so the WBS and the baseline describe the same work.
///
/// The contract already refuses WBS codes the baseline does not list; they are still reported
/// here (cheaply), so the rule holds for any plan it is given. Skipped when there is no scope plan
/// (its absence is a completeness finding).
///
/// Worked example: a baseline of WP-1 … WP-4 with a WBS of WP-1, WP-2 and WP-9 gives one finding:
/// "The scope's work breakdown does not match the baseline's 4 work packages: WP-3 and WP-4 are
/// missing from it; WP-9 is not in the baseline."
public enum ScopeCoverage {
    /// At most one finding naming both differences.
    public static func check(_ plan: PlanSubmitted) -> [RuleFinding] {
        guard let scope = plan.subPlans.scope else { return [] }
        let packages = plan.baseline.workPackages.map(\.workPackageId)
        let wbs = Set(scope.workBreakdown)
        let listed = Set(packages)
        let missing = unique(packages.filter { !wbs.contains($0) })
        let extra = unique(scope.workBreakdown.filter { !listed.contains($0) })
        guard !missing.isEmpty || !extra.isEmpty else { return [] }
        var parts: [String] = []
        if !missing.isEmpty { parts.append("\(missing.listed) \(missing.count == 1 ? "is" : "are") missing from it") }
        if !extra.isEmpty { parts.append("\(extra.listed) \(extra.count == 1 ? "is" : "are") not in the baseline") }
        return [RuleFinding(.scopeCoverage, on: .scope,
                            "The scope's work breakdown does not match the baseline's \(packages.count.counting("work package")): \(parts.joined(separator: "; ")).")]
    }

    private static func unique(_ ids: [String]) -> [String] {
        var seen: Set<String> = []
        return ids.filter { seen.insert($0).inserted }
    }
}
