import Foundation
import Testing
@testable import Planning
import PMOModel

// A realistic plan that passes every rule of the review, with its charter, policy and roster.
// Each test copies it and breaks one thing.
//
// PRJ-2026-014, customer data platform, chartered with marc.lefevre as PM and 850,000 EUR from
// 2026-04-01 to 2027-03-31, classified standard, deliverables D-1 "Customer data platform" and
// D-2 "Legacy decommissioning". The plan (revision 1, submitted by marc.lefevre):
//
//     package  name                             dates                  days  value     milestone  after
//     WP-1     Discovery and target design      2026-04-01…2026-06-30   91   120,000   MS-1       –
//     WP-2     Customer data platform build     2026-07-01…2026-09-30   92   310,000   MS-2       WP-1
//     WP-3     Migration of customer records    2026-10-01…2026-12-18   79   260,000   MS-2       WP-2
//     WP-4     Legacy decommissioning           2027-01-04…2027-03-31   87   110,000   MS-3       WP-3 + 14 days
//
// BAC 800,000 EUR; contingency 40,000 EUR, management reserve 30,000 EUR (830,000 EUR against
// the 850,000 EUR ceiling); one procurement of 210,000 EUR; milestones MS-1 2026-06-30, MS-2
// 2026-12-18, MS-3 2027-03-31, each on its last package's finish; the curve 120,000 (06-30),
// 430,000 (09-30), 690,000 (12-31), 800,000 (2027-03-31); status reports every 14 days; risks
// R-1 (0.3 × 4) and R-2 (0.5 × 3), both with a response and an owner on the roster.
//
// Resources: RES-0107 (Tom Nguyen, 32 h a week) 320 h on WP-3 and 300 h on WP-4; RES-0112 (Ana
// Silva, 36 h a week) 380 h on WP-1 and 220 h on WP-2. The busiest month is RES-0112's May:
// 380 × 31 / 91 = 129.5 h of 36 × 31 / 7 = 159.4 h.
//
// The network is a chain, so every package is critical: WP-4 may start 14 days after WP-3's
// finish, on 2027-01-02, and then finishes on 2027-03-29, two days before the target finish.

/// The calendar date `text` (`YYYY-MM-DD`); 2000-01-01 when it is not one, which no fixture uses.
func day(_ text: String) -> CalendarDate {
    CalendarDate(text) ?? CalendarDate(year: 2000, month: 1, day: 1)!
}

func eur(_ amount: Decimal) -> Money { Money(amount, "EUR") }

let t0 = Date(timeIntervalSince1970: 1_774_000_000)

func workPackage(_ id: String, _ name: String, _ start: String, _ finish: String, _ value: Decimal,
                 milestone: String? = nil, after links: [PredecessorLink] = []) -> WorkPackage {
    WorkPackage(workPackageId: id, name: name, plannedStart: day(start), plannedFinish: day(finish),
                plannedValue: eur(value), milestoneId: milestone, predecessors: links)
}

func risk(_ id: String, _ probability: Double, _ impact: Int, owner: String = "marc.lefevre",
          response: String? = "Mitigate", status: RiskStatus = .open) -> Risk {
    Risk(riskId: id, description: "Risk \(id)", probability: probability, impact: impact, owner: owner,
         status: status, crossDepartment: false, response: response)
}

/// The plan described above, changed by `edit`.
func samplePlan(_ edit: (inout PlanSubmitted) -> Void = { _ in }) -> PlanSubmitted {
    let baseline = PlanBaseline(
        milestones: [
            Milestone(milestoneId: "MS-1", name: "Target architecture approved", plannedDate: day("2026-06-30")),
            Milestone(milestoneId: "MS-2", name: "Customer records migrated", plannedDate: day("2026-12-18")),
            Milestone(milestoneId: "MS-3", name: "Legacy databases switched off", plannedDate: day("2027-03-31")),
        ],
        workPackages: [
            workPackage("WP-1", "Discovery and target design", "2026-04-01", "2026-06-30", 120_000, milestone: "MS-1"),
            workPackage("WP-2", "Customer data platform build", "2026-07-01", "2026-09-30", 310_000, milestone: "MS-2",
                        after: [PredecessorLink(workPackageId: "WP-1")]),
            workPackage("WP-3", "Migration of customer records", "2026-10-01", "2026-12-18", 260_000, milestone: "MS-2",
                        after: [PredecessorLink(workPackageId: "WP-2", lagDays: 0)]),
            workPackage("WP-4", "Legacy decommissioning", "2027-01-04", "2027-03-31", 110_000, milestone: "MS-3",
                        after: [PredecessorLink(workPackageId: "WP-3", lagDays: 14)]),
        ],
        plannedValueCurve: [
            PlannedValuePoint(date: day("2026-06-30"), cumulativePlannedValue: eur(120_000)),
            PlannedValuePoint(date: day("2026-09-30"), cumulativePlannedValue: eur(430_000)),
            PlannedValuePoint(date: day("2026-12-31"), cumulativePlannedValue: eur(690_000)),
            PlannedValuePoint(date: day("2027-03-31"), cumulativePlannedValue: eur(800_000)),
        ],
        budgetAtCompletion: eur(800_000),
        resourceAssignments: [
            ResourceAssignment(resourceId: "RES-0112", workPackageId: "WP-1", hours: 380),
            ResourceAssignment(resourceId: "RES-0112", workPackageId: "WP-2", hours: 220),
            ResourceAssignment(resourceId: "RES-0107", workPackageId: "WP-3", hours: 320),
            ResourceAssignment(resourceId: "RES-0107", workPackageId: "WP-4", hours: 300),
        ])
    let subPlans = SubPlans(
        scope: ScopePlan(
            scopeStatement: "Consolidate the CRM, e-shop and loyalty customer databases into one platform.",
            workBreakdown: ["WP-1", "WP-2", "WP-3", "WP-4"],
            acceptanceCriteria: ["Under 0.5% unmatched records after migration", "Consent status available for every customer"],
            changeProcess: "Change requests through pmo.change.requests."),
        schedule: SchedulePlan(methodology: "Critical path", criticalPath: ["WP-1", "WP-2", "WP-3", "WP-4"],
                               keyMilestones: ["MS-1", "MS-2", "MS-3"]),
        cost: CostPlan(estimatingMethod: "Bottom-up", contingencyReserve: eur(40_000), managementReserve: eur(30_000),
                       controlThresholdPercent: 10),
        quality: QualityPlan(standards: ["ISO 8000 data quality"], metrics: ["Unmatched record rate"],
                             acceptanceProcess: "Business acceptance per migrated source."),
        resource: ResourcePlan(roles: [ResourceNeed(role: "data-engineer", hours: 620),
                                       ResourceNeed(role: "solution-architect", hours: 600)],
                               acquisition: "Internal staff through resource allocations."),
        communication: CommunicationPlan(
            stakeholders: [Stakeholder(name: "Steering committee", information: "Progress and decisions",
                                       channel: "Monthly steering meeting", frequencyDays: 30)],
            statusReportCadenceDays: 14),
        risk: RiskPlan(methodology: "Probability × impact, reviewed every status period", riskRegister: [
            risk("R-1", 0.3, 4, response: "Pilot on one region first", status: .mitigating),
            risk("R-2", 0.5, 3, owner: "lena.vogel", response: "Legal review of consent records"),
        ]),
        procurement: ProcurementPlan(makeOrBuyRationale: "Buy the platform licence; build integrations in-house.",
                                     items: [ProcurementItem(description: "Customer data platform licence, 3 years",
                                                             contractType: "Fixed price", estimatedCost: eur(210_000))]))
    var plan = PlanSubmitted(projectId: "PRJ-2026-014", revision: 1, submittedAt: t0, submittedBy: "marc.lefevre",
                             subPlans: subPlans, baseline: baseline)
    edit(&plan)
    return plan
}

/// The charter of PRJ-2026-014 described above, changed by `edit`.
func sampleCharter(_ edit: (inout ProjectChartered) -> Void = { _ in }) -> ProjectChartered {
    var charter = ProjectChartered(
        projectId: "PRJ-2026-014", title: "Customer data platform consolidation", proposalRevision: 2,
        charteredAt: t0.addingTimeInterval(-86_400 * 20), policyVersion: 3,
        objectives: ["Replace the three customer databases with one platform"],
        scope: ProjectScope(inScope: ["Customer records migration"], outOfScope: ["B2B partner data"]),
        deliverables: [Deliverable(deliverableId: "D-1", name: "Customer data platform"),
                       Deliverable(deliverableId: "D-2", name: "Legacy decommissioning")],
        budgetCeiling: eur(850_000), targetStart: day("2026-04-01"), targetFinish: day("2027-03-31"),
        sponsor: "helene.dubois", projectManager: "marc.lefevre", priority: .high, classification: .standard,
        departmentsInvolved: ["marketing", "technical"])
    edit(&charter)
    return charter
}

/// The contracts' example policy (version 3) with its planning rules spelled out here: all eight
/// sub-plans required, no budget over the charter, expert review from BAC 1,500,000 EUR or 3 high
/// risks (from the monitoring escalation score 3.0), 2 verdicts, no severity overrides; status
/// reports at least every 14 days; complex and major plans reviewed by experts. Changed by `edit`.
func samplePolicy(_ edit: (inout PolicyPublished) -> Void = { _ in }) throws -> PolicyPublished {
    var policy = try exampleEvent(PolicyPublished.self)
    policy.planning = PlanningPolicy(
        requiredSubPlans: SubPlanKind.allCases, maxBudgetOverCharterPercent: 0,
        expertReview: ExpertReviewPolicy(minBudgetAtCompletion: eur(1_500_000), minHighRisks: 3, requiredVerdicts: 2),
        findingSeverities: [])
    policy.monitoring.reportingCadenceDays = 14
    policy.monitoring.riskEscalationScore = 3.0
    policy.classification.complex.expertReviewRequired = true
    policy.classification.major.expertReviewRequired = true
    edit(&policy)
    return policy
}

/// Roster version 12: the PM marc.lefevre, the sponsor, lena.vogel (legal), the expert
/// sofia.rossi, and the resources RES-0107 (tom.nguyen, 32 h a week) and RES-0112 (ana.silva,
/// 36 h a week).
func sampleRoster() -> RosterPublished {
    RosterPublished(rosterId: "pmo-roster", version: 12, publishedAt: t0.addingTimeInterval(-86_400 * 40), members: [
        RosterMember(personId: "marc.lefevre", name: "Marc Lefèvre", department: "pmo", roles: [.projectManager]),
        RosterMember(personId: "helene.dubois", name: "Hélène Dubois", department: "marketing", roles: [.sponsor]),
        RosterMember(personId: "lena.vogel", name: "Lena Vogel", department: "legal", roles: [.departmentReviewer]),
        RosterMember(personId: "sofia.rossi", name: "Sofia Rossi", department: "technical", roles: [.expert]),
        RosterMember(personId: "tom.nguyen", name: "Tom Nguyen", department: "technical",
                     resource: ResourceProfile(resourceId: "RES-0107", skill: "data-engineer", capacityHoursPerWeek: 32)),
        RosterMember(personId: "ana.silva", name: "Ana Silva", department: "technical",
                     resource: ResourceProfile(resourceId: "RES-0112", skill: "solution-architect", capacityHoursPerWeek: 36)),
    ])
}

/// The review of `plan` (the sample by default) against the sample charter, policy and roster.
func reviewed(_ plan: PlanSubmitted = samplePlan(), charter: ProjectChartered = sampleCharter(),
              policy: PolicyPublished? = nil, roster: RosterPublished = sampleRoster()) throws -> PlanReviewResult {
    PlanReview.review(plan, charter: charter, policy: try policy ?? samplePolicy(), roster: roster)
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
