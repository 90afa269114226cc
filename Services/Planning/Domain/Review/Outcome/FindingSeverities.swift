import PMOModel

/// The severity of each check's findings: the review's default, replaced by the policy's
/// `planning.findingSeverities` entry for that check when there is one.
///
/// Major and critical findings block approval (``PMOModel/FindingSeverity/isBlocking``); minor and
/// info ones are advisory. The defaults:
///
///     check                 default    why
///     missing-sub-plan      major      the plan is incomplete
///     scope-coverage        major      the WBS and the baseline describe different work
///     planned-value-curve   major      earned value would be measured against a wrong curve
///     milestone-dates       major      milestones the portfolio tracks are not reachable as dated
///     reserves              major      the contingency does not fit the budget it is part of
///     procurement-cost      major      purchases exceed the budget
///     reporting-cadence     minor      reports less often than the PMO wants
///     risk-register         minor      a risk lacks a response or an owner on the roster
///     resource-roster       major      work is assigned to someone the PMO does not know
///     resource-capacity     major      a resource is booked beyond its capacity
///     schedule-network      major      the links cannot be scheduled (cycle, unknown package)
///     schedule-logic        major      a package starts before its predecessor allows
///     critical-path         minor      the declared critical path is not the computed one
///     network-finish        major      the links cannot meet the charter's target finish
///     budget-ceiling        critical   the plan spends more than the charter authorises
///     target-dates          major      the baseline leaves the charter's dates
///     deliverable-coverage  major      a chartered deliverable is not planned
///     submitter             critical   the plan is not the charter's project manager's
///
/// With the policy entry `{check: critical-path, severity: major}` a critical-path mismatch
/// blocks; with `{check: resource-capacity, severity: minor}` an overbooked resource does not.
public struct FindingSeverities: Sendable, Hashable {
    /// The policy's replacements, by check (the first entry for a check counts; the policy's
    /// contract allows one per check).
    public private(set) var overrides: [PlanCheck: FindingSeverity]

    /// The defaults replaced by `policy`'s entries.
    public init(_ policy: PlanningPolicy) {
        overrides = [:]
        for entry in policy.findingSeverities where overrides[entry.check] == nil {
            overrides[entry.check] = entry.severity
        }
    }

    /// The defaults alone.
    public init() {
        overrides = [:]
    }

    /// The severity of `check`'s findings.
    public func severity(of check: PlanCheck) -> FindingSeverity {
        overrides[check] ?? Self.defaultSeverity(of: check)
    }

    /// `finding` as the contract's finding, with its check's severity.
    public func finding(_ finding: RuleFinding) -> PlanFinding {
        PlanFinding(subPlan: finding.subPlan, severity: severity(of: finding.check), finding: finding.text,
                    check: finding.check)
    }

    /// The review's default severity of `check` (the table above).
    public static func defaultSeverity(of check: PlanCheck) -> FindingSeverity {
        switch check {
        case .missingSubPlan, .scopeCoverage, .plannedValueCurve, .milestoneDates, .reserves, .procurementCost,
             .resourceRoster, .resourceCapacity, .scheduleNetwork, .scheduleLogic, .networkFinish, .targetDates,
             .deliverableCoverage:
            .major
        case .reportingCadence, .riskRegister, .criticalPath:
            .minor
        case .budgetCeiling, .submitter:
            .critical
        }
    }
}
