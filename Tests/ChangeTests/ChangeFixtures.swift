import Foundation
import Testing
@testable import Change
import PMOModel
import ServiceRuntime

// PRJ-2026-014, baselined at revision 1 with marc.lefevre as PM (helene.dubois sponsors it):
//
//     package  dates                  days  value     after
//     WP-1     2026-04-01…2026-06-30   91   120,000   –
//     WP-2     2026-07-01…2026-09-30   92   310,000   WP-1
//     WP-3     2026-10-01…2026-12-18   79   260,000   WP-2
//     WP-4     2027-01-04…2027-03-31   87   110,000   WP-3 + 14 days
//
// BAC 800,000 EUR, finish 2027-03-31; curve 120,000 (06-30), 430,000 (09-30), 690,000 (12-31),
// 800,000 (2027-03-31). The chain makes every package critical.
//
// The policy is the contracts' example (PM tolerance 10 days, 25,000 EUR, no scope change; CCB
// quorum 3, simple majority; a vote reminder every 3 days). The roster is the example's plus two
// CCB members, so five people sit on the CCB: claire.martin, julien.bernard, omar.haddad,
// ines.garcia and sarah.cohen.

let project = "PRJ-2026-014"
let t0 = Date(timeIntervalSince1970: 1_790_000_000)

/// The calendar date `text` (`YYYY-MM-DD`).
func day(_ text: String) -> CalendarDate {
    CalendarDate(text) ?? CalendarDate(year: 2000, month: 1, day: 1)!
}

func eur(_ amount: Decimal) -> Money { Money(amount, "EUR") }

func workPackage(_ id: String, _ start: String, _ finish: String, _ value: Decimal, after links: [PredecessorLink] = []) -> WorkPackage {
    WorkPackage(workPackageId: id, name: "Package \(id)", plannedStart: day(start), plannedFinish: day(finish),
                plannedValue: eur(value), predecessors: links)
}

/// The baseline described above.
func sampleBaseline() -> PlanBaseline {
    PlanBaseline(
        milestones: [Milestone(milestoneId: "MS-1", name: "Go-live", plannedDate: day("2027-03-31"))],
        workPackages: [
            workPackage("WP-1", "2026-04-01", "2026-06-30", 120_000),
            workPackage("WP-2", "2026-07-01", "2026-09-30", 310_000, after: [PredecessorLink(workPackageId: "WP-1")]),
            workPackage("WP-3", "2026-10-01", "2026-12-18", 260_000, after: [PredecessorLink(workPackageId: "WP-2", lagDays: 0)]),
            workPackage("WP-4", "2027-01-04", "2027-03-31", 110_000, after: [PredecessorLink(workPackageId: "WP-3", lagDays: 14)]),
        ],
        plannedValueCurve: [
            PlannedValuePoint(date: day("2026-06-30"), cumulativePlannedValue: eur(120_000)),
            PlannedValuePoint(date: day("2026-09-30"), cumulativePlannedValue: eur(430_000)),
            PlannedValuePoint(date: day("2026-12-31"), cumulativePlannedValue: eur(690_000)),
            PlannedValuePoint(date: day("2027-03-31"), cumulativePlannedValue: eur(800_000)),
        ],
        budgetAtCompletion: eur(800_000))
}

/// The baseline in force at revision 1.
func baselineInForce(_ baseline: PlanBaseline = sampleBaseline(), revision: Int = 1) -> BaselineInForce {
    BaselineInForce(revision: revision, baseline: baseline, projectManager: "marc.lefevre")
}

/// Planning's first baseline of the project.
func planningBaseline(_ baseline: PlanBaseline = sampleBaseline()) -> ProjectBaselined {
    ProjectBaselined(projectId: project, baselineRevision: 1, planRevision: 1, baselinedAt: t0.addingTimeInterval(-86_400),
                     policyVersion: 3, projectManager: "marc.lefevre", baseline: baseline)
}

/// The project's charter (marc.lefevre manages it, helene.dubois sponsors it).
func charter() throws -> ProjectChartered {
    var charter = try exampleEvent(ProjectChartered.self)
    charter.projectId = project
    charter.projectManager = "marc.lefevre"
    charter.sponsor = "helene.dubois"
    return charter
}

/// The example policy, changed by `edit`.
func samplePolicy(_ edit: (inout PolicyPublished) -> Void = { _ in }) throws -> PolicyPublished {
    var policy = try exampleEvent(PolicyPublished.self)
    policy.changeControl = ChangeControlPolicy(
        pmTolerance: PMTolerance(scheduleDays: 10, cost: eur(25_000), scopeChangeAllowed: false),
        ccbQuorum: 3, ccbMajority: .simple)
    policy.reminders.ccbVoteDays = 3
    edit(&policy)
    return policy
}

/// The example roster with ines.garcia and sarah.cohen on the CCB too.
func sampleRoster() throws -> RosterPublished {
    var roster = try exampleEvent(RosterPublished.self)
    roster.members.append(RosterMember(personId: "ines.garcia", name: "Inès García", department: "pmo", roles: [.projectManager, .ccbMember]))
    roster.members.append(RosterMember(personId: "sarah.cohen", name: "Sarah Cohen", department: "operations", roles: [.sponsor, .ccbMember]))
    return roster
}

/// A change request of the project against baseline revision `baselineRevision`, claiming
/// `days` and `cost`, proposing `changes`; `edit` changes the rest.
func changeRequest(_ id: String = "CR-2026-031", revision: Int = 1, baselineRevision: Int = 1, days: Int = 0, cost: Decimal = 0,
                   category: ChangeCategory = .schedule, requester: String = "marc.lefevre",
                   changes: [BaselineChange], _ edit: (inout ChangeRequestSubmitted) -> Void = { _ in }) -> ChangeRequestSubmitted {
    var request = ChangeRequestSubmitted(
        projectId: project, changeRequestId: id, revision: revision, baselineRevision: baselineRevision, submittedAt: t0,
        requester: requester, category: category, title: "Change \(id)", rationale: "Needed because of issue I-4.",
        impact: ChangeImpact(scheduleDays: days, cost: eur(cost), qualityEffect: "none"),
        alternativesConsidered: ["Do nothing: the issue stays."], proposedBaselineChanges: changes)
    edit(&request)
    return request
}

/// A change of one work package.
func change(_ id: String, start: String? = nil, finish: String? = nil, value: Decimal? = nil) -> BaselineChange {
    BaselineChange(workPackageId: id, description: "Change \(id)", newPlannedFinish: finish.map(day),
                   newPlannedValue: value.map(eur), newPlannedStart: start.map(day))
}

/// A vote of `voter` on `id`.
func vote(_ voter: String, _ verdict: Verdict, on id: String = "CR-2026-031", revision: Int = 1, comments: String? = nil) -> VoteCast {
    VoteCast(projectId: project, changeRequestId: id, changeRequestRevision: revision, voter: voter, vote: verdict,
             comments: comments, castAt: t0)
}

/// The repository root, found from this file's path.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// The first example of `T` in `schemas/examples`.
func exampleEvent<T: PMOEvent>(_ type: T.Type) throws -> T {
    let url = repositoryRoot.appendingPathComponent("schemas/examples/\(T.eventType).json")
    let array = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [Any])
    return try T.decodeJSON(try JSONSerialization.data(withJSONObject: array[0]))
}

/// What the contract finds wrong with `baseline` as a re-baseline of the project.
func violations(of baseline: PlanBaseline) -> [Violation] {
    ProjectRebaselined(projectId: project, baselineRevision: 2, previousBaselineRevision: 1, changeRequestId: "CR-2026-031",
                       changeRequestRevision: 1, rebaselinedAt: t0, policyVersion: 3, baseline: baseline).validate()
}
