import Foundation
import Testing
@testable import Intake
import PMOModel
import ServiceRuntime

/// The repository root, found from this file's path.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// The contracts' example policy (v3: threshold 60, reviews by business, technical, finance and
/// legal, 5,000,000 EUR and 36 months at most, complex from 500,000 EUR / 12 months / 3
/// departments adding security, major from 2,000,000 EUR / 24 months / 5 departments adding
/// security and executive-board, high risks from 3.0, reminders after 5 days).
func examplePolicy() throws -> PolicyPublished {
    try exampleEvent(PolicyPublished.self)
}

/// The contracts' example roster (v12): julien.bernard (business), sofia.rossi (technical),
/// omar.haddad (finance), lena.vogel (legal) review; marc.lefevre is a PM; tom.nguyen is a
/// data engineer (32 h/week), ana.silva a solution architect (36 h/week).
func exampleRoster() throws -> RosterPublished {
    try exampleEvent(RosterPublished.self)
}

func exampleEvent<T: PMOEvent>(_ type: T.Type) throws -> T {
    let url = repositoryRoot.appendingPathComponent("schemas/examples/\(T.eventType).json")
    let array = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [Any])
    return try T.decodeJSON(try JSONSerialization.data(withJSONObject: array[0]))
}

func day(_ text: String) -> CalendarDate {
    CalendarDate(text) ?? CalendarDate(year: 2000, month: 1, day: 1)!
}

let t0 = Date(timeIntervalSince1970: 1_780_000_000)

func eur(_ amount: Decimal) -> Money { Money(amount, "EUR") }

/// A complete proposal for PRJ-2026-201: 400,000 EUR over 2026-04-01...2026-09-30 (182 days,
/// 26 weeks, 6.0 months), value 1,200,000 EUR (3× the cost), SO-1 and SO-2, one open risk of
/// 0.2 × 3, 416 h of data engineering, departments marketing and technical.
func proposal(_ project: String = "PRJ-2026-201", revision: Int = 1, pm: String = "marc.lefevre",
              edit: (inout ProposalSubmitted) -> Void = { _ in }) -> ProposalSubmitted {
    var proposal = ProposalSubmitted(
        projectId: project, revision: revision, submittedAt: t0, title: "Customer analytics", sponsor: "helene.dubois",
        department: "marketing", nominatedProjectManager: pm, strategicObjectives: ["SO-1", "SO-2"],
        objectives: ["One view of each customer"],
        businessCase: BusinessCase(benefits: ["Better targeting"], estimatedCost: eur(400_000), expectedValue: eur(1_200_000)),
        scope: ProjectScope(inScope: ["Customer data mart"]),
        deliverables: [Deliverable(deliverableId: "D-1", name: "Data mart")],
        assumptions: ["Sources are available"], constraints: ["Data stays in the EU"],
        budgetEstimate: eur(400_000), targetStart: day("2026-04-01"), targetFinish: day("2026-09-30"),
        resourceNeeds: [ResourceNeed(role: "data-engineer", hours: 416)],
        initialRisks: [risk("R-1", 0.2, 3)],
        departmentsInvolved: ["marketing", "technical"])
    edit(&proposal)
    return proposal
}

func risk(_ id: String, _ probability: Double, _ impact: Int, status: RiskStatus = .open) -> Risk {
    Risk(riskId: id, description: "Something may go wrong", probability: probability, impact: impact,
         owner: "helene.dubois", status: status, crossDepartment: false)
}

func review(_ department: String, _ reviewer: String, _ verdict: Verdict, project: String = "PRJ-2026-201",
            revision: Int = 1, findings: [ProposalFinding]? = nil) -> ReviewSubmitted {
    let defaultFindings = verdict == .approve ? [] : [ProposalFinding(section: .scope, severity: .major, finding: "\(department): scope unclear")]
    return ReviewSubmitted(projectId: project, proposalRevision: revision, reviewer: reviewer, department: department,
                           verdict: verdict, findings: findings ?? defaultFindings, reviewedAt: t0)
}

/// The four required reviewers of the example roster, by department.
let reviewers = ["business": "julien.bernard", "technical": "sofia.rossi", "finance": "omar.haddad", "legal": "lena.vogel"]

/// Drives an `IntakeDesk` like the runtime does: one case per project, a clock, reference data.
struct DeskHarness {
    var desk = IntakeDesk(holdPeriod: 600)
    var reference: IntakeReference
    var cases: [String: IntakeCase] = [:]
    var now = t0
    private var counter = 0

    init(policy: PolicyPublished? = nil, roster: RosterPublished? = nil) throws {
        reference = IntakeReference(policy: try policy ?? examplePolicy(), roster: try roster ?? exampleRoster())
    }

    /// Submits and returns the emitted events.
    @discardableResult
    mutating func submit(_ proposal: ProposalSubmitted) -> [any PMOEvent] {
        receive(.proposal(proposal, origin(ProposalSubmitted.eventType)))
    }

    @discardableResult
    mutating func send(_ review: ReviewSubmitted) -> [any PMOEvent] {
        receive(.review(review, origin(ReviewSubmitted.eventType)))
    }

    mutating func receive(_ input: IntakeInput) -> [any PMOEvent] {
        let step = desk.receive(input, state: cases[input.projectId], reference: reference, now: now)
        cases[input.projectId] = step.state
        return checked(step.emissions.map(\.event))
    }

    /// Ticks one project; returns the emissions (with their ids).
    mutating func tick(_ project: String = "PRJ-2026-201") -> [Emission] {
        guard let state = cases[project] else { return [] }
        let step = desk.tick(state: state, reference: reference, now: now)
        cases[project] = step.state
        _ = checked(step.emissions.map(\.event))
        return step.emissions
    }

    mutating func advance(days: Double) { now = now.addingTimeInterval(days * 86_400) }

    func phase(_ project: String = "PRJ-2026-201") -> IntakePhase? { cases[project]?.dossier?.phase }

    private mutating func origin(_ type: String) -> InputOrigin {
        counter += 1
        return InputOrigin(id: "evt-\(counter)", source: "/tests", type: type)
    }

    /// Every emitted event must satisfy its contract (the runtime would dead-letter it otherwise).
    private func checked(_ events: [any PMOEvent]) -> [any PMOEvent] {
        for event in events {
            let violations = event.validate()
            #expect(violations.isEmpty, "\(type(of: event).eventType) breaks its contract: \(violations)")
        }
        return events
    }
}

extension Array where Element == any PMOEvent {
    func of<T: PMOEvent>(_ type: T.Type) -> [T] { compactMap { $0 as? T } }
    var decisions: [IntakeDecisionMade] { of(IntakeDecisionMade.self) }
}
