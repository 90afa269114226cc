import PMOModel

/// The submitter (check `submitter`, for the plan as a whole): the plan is submitted by the
/// project manager the charter appointed.
///
/// Worked example: a plan submitted by anna.berg for a charter naming marc.lefevre gives "The
/// plan was submitted by anna.berg, not by the charter's project manager marc.lefevre."
public enum Submitter {
    /// At most one finding.
    public static func check(_ plan: PlanSubmitted, charter: ProjectChartered) -> [RuleFinding] {
        guard plan.submittedBy != charter.projectManager else { return [] }
        return [RuleFinding(.submitter, on: nil,
                            "The plan was submitted by \(plan.submittedBy), not by the charter's project manager \(charter.projectManager).")]
    }
}
