import PMOModel

/// The charter's target dates (check `target-dates`, for the plan as a whole): the baseline's
/// span, from the earliest start to the latest finish of its work packages and milestones
/// (``PMOModel/PlanBaseline/plannedSpan``), lies within the charter's target start and finish.
///
/// Worked example: a baseline from 2026-04-01 to 2026-06-26 against a charter from 2026-04-01 to
/// 2026-06-15 gives "The baseline finishes on 2026-06-26, after the charter's target finish of
/// 2026-06-15."; starting on 2026-03-16 would add "The baseline starts on 2026-03-16, before the
/// charter's target start of 2026-04-01."
public enum TargetDates {
    /// The early start, then the late finish; none for a baseline with no dates at all.
    public static func check(_ baseline: PlanBaseline, charter: ProjectChartered) -> [RuleFinding] {
        guard let span = baseline.plannedSpan else { return [] }
        var findings: [RuleFinding] = []
        if span.start < charter.targetStart {
            findings.append(RuleFinding(.targetDates, on: nil,
                                        "The baseline starts on \(span.start), before the charter's target start of \(charter.targetStart)."))
        }
        if span.finish > charter.targetFinish {
            findings.append(RuleFinding(.targetDates, on: nil,
                                        "The baseline finishes on \(span.finish), after the charter's target finish of \(charter.targetFinish)."))
        }
        return findings
    }
}
