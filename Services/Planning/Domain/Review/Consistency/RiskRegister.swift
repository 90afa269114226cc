import PMOModel

/// The risk register (check `risk-register`, on the risk plan): every risk has a response and an
/// owner who is on the roster. Probability and impact are required by the contract.
///
/// Every risk of the register is checked, whatever its status. A response of only white space
/// counts as none. Skipped when there is no risk plan.
///
/// Worked example: R-2 with no response, owned by `paul.meyer` who is not on roster version 12,
/// gives "Risk R-2 has no response." and "Risk R-2 is owned by paul.meyer, who is not on the
/// roster (version 12)."
public enum RiskRegister {
    /// Per risk in register order: the missing response, then the unknown owner.
    public static func check(_ plan: PlanSubmitted, roster: RosterPublished) -> [RuleFinding] {
        guard let risk = plan.subPlans.risk else { return [] }
        var findings: [RuleFinding] = []
        for entry in risk.riskRegister {
            if (entry.response ?? "").allSatisfy(\.isWhitespace) {
                findings.append(RuleFinding(.riskRegister, on: .risk, "Risk \(entry.riskId) has no response."))
            }
            if roster.member(entry.owner) == nil {
                findings.append(RuleFinding(.riskRegister, on: .risk,
                                            "Risk \(entry.riskId) is owned by \(entry.owner), who is not on the roster (version \(roster.version))."))
            }
        }
        return findings
    }
}
