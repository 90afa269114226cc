import PMOModel

/// The completeness check of a change request (section 2.4 of the PMO standard: a change request
/// states its rationale, its impact and the alternatives considered). The schema already demands
/// a rationale, an impact analysis and at least one proposed baseline change; this check finds
/// what the schema cannot see:
///
/// - no alternative considered, unless the request says why there is none and the policy accepts
///   that (`alternativeExemptionAllowed`, true when absent);
/// - a scope change that names no scope item added or removed;
/// - amounts in another currency than the baseline's;
/// - a proposed change to a work package that changes nothing, names the same package twice, adds
///   a package without its start, finish and planned value, or leaves a package finishing before
///   it starts.
///
/// An incomplete request is returned to the requester with every item listed.
public enum ChangeRequestCompleteness {
    /// What is missing or inconsistent, in request order; empty when the request is complete.
    public static func missing(in request: ChangeRequestSubmitted, baseline: BaselineInForce,
                               policy: ChangeControlPolicy) -> [String] {
        var missing: [String] = []
        if request.alternativesConsidered.isEmpty {
            let exemption = policy.alternativeExemptionAllowed ?? true
            if !exemption {
                missing.append("no alternative considered: the policy requires at least one")
            } else if request.noAlternativeReason == nil {
                missing.append("no alternative considered, and no reason why there is none (noAlternativeReason)")
            }
        }
        let impact = request.impact
        if request.category == .scope, impact.scopeItemsAdded.isEmpty, impact.scopeItemsRemoved.isEmpty {
            missing.append("a scope change names no scope item added or removed in its impact analysis")
        }
        let currency = baseline.baseline.budgetAtCompletion.currency
        if impact.cost.currency != currency {
            missing.append("the impact's cost is in \(impact.cost.currency); the baseline is in \(currency)")
        }
        let packages = Dictionary(baseline.baseline.workPackages.map { ($0.workPackageId, $0) }, uniquingKeysWith: { first, _ in first })
        var seen: Set<String> = []
        for change in request.proposedBaselineChanges {
            let id = change.workPackageId
            guard seen.insert(id).inserted else {
                missing.append("\(id) is changed more than once; one proposed change per work package")
                continue
            }
            if let value = change.newPlannedValue, value.currency != currency {
                missing.append("\(id): the new planned value is in \(value.currency); the baseline is in \(currency)")
            }
            guard let package = packages[id] else {
                var absent: [String] = []
                if change.newPlannedStart == nil { absent.append("start") }
                if change.newPlannedFinish == nil { absent.append("finish") }
                if change.newPlannedValue == nil { absent.append("planned value") }
                if !absent.isEmpty {
                    missing.append("\(id) is not in baseline revision \(baseline.revision): a new work package needs its \(absent.joined(separator: ", "))")
                } else if let start = change.newPlannedStart, let finish = change.newPlannedFinish, finish < start {
                    missing.append("\(id) would finish on \(finish), before it starts on \(start)")
                }
                continue
            }
            if change.newPlannedStart == nil, change.newPlannedFinish == nil, change.newPlannedValue == nil {
                missing.append("\(id): the proposed change gives no new start, finish or planned value")
                continue
            }
            let changed = ProposedBaseline.changed(package, by: change)
            if changed.plannedFinish < changed.plannedStart {
                missing.append("\(id) would finish on \(changed.plannedFinish), before it starts on \(changed.plannedStart)")
            }
        }
        return missing
    }
}
