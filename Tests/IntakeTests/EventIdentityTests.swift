import Foundation
import Testing
@testable import Intake
import PMOModel
import ServiceRuntime

/// One decision, one id, whatever the order: proposals and reviews travel on different
/// (co-partitioned) topics, so after a handover they may be read in another interleaving; what
/// intake emits for the same inputs must carry the same `ce_id`s.
@Suite("Intake event identity")
struct EventIdentityTests {
    static let project = "PRJ-2026-201"

    static func reviewOf(_ department: String, _ verdict: Verdict, revision: Int = 1) -> ReviewSubmitted {
        review(department, reviewers[department] ?? "", verdict, revision: revision)
    }

    /// Runs `inputs` in order through a fresh processor and returns the ids emitted.
    static func run(_ inputs: [any PMOEvent], roster: RosterPublished? = nil) throws -> [String] {
        var harness = try ProcessorHarness(reference: IntakeReference(policy: examplePolicy(), roster: roster ?? exampleRoster()))
        for input in inputs {
            try harness.publish(input)
        }
        return harness.ids
    }

    @Test func theSameDecisionsCarryTheSameIdsInEveryInterleaving() throws {
        let proposal = proposal()
        let business = Self.reviewOf("business", .approve), technical = Self.reviewOf("technical", .approve)
        let finance = Self.reviewOf("finance", .approve), legal = Self.reviewOf("legal", .approve)
        let outsider = review("finance", "max.keller", .approve)  // not on the roster: refused
        let proposalFirst = try Self.run([proposal, business, technical, finance, legal, outsider])
        let reviewsHeld = try Self.run([business, technical, finance, legal, outsider, proposal])
        let otherOrder = try Self.run([legal, proposal, finance, outsider, technical, business])

        let expected: Set = [
            "intake/assessment/PRJ-2026-201/r1",
            "intake/decision/PRJ-2026-201/r1/approved",
            "intake/charter/PRJ-2026-201",
            "intake/refusal/PRJ-2026-201/\(ProcessorHarness.inputID(outsider))@/tests",
        ]
        #expect(Set(proposalFirst) == expected)
        #expect(Set(reviewsHeld) == expected)
        #expect(Set(otherOrder) == expected)
        for ids in [proposalFirst, reviewsHeld, otherOrder] {
            #expect(ids.count == expected.count, "something was emitted twice: \(ids)")
        }
    }

    @Test func aResubmissionIsDecidedUnderItsOwnIdsInEveryInterleaving() throws {
        let first = proposal(), second = proposal(revision: 2)
        let round1 = [Self.reviewOf("business", .approve), Self.reviewOf("technical", .approve),
                      Self.reviewOf("finance", .approve), Self.reviewOf("legal", .revise)]
        let round2 = ["business", "technical", "finance", "legal"].map { Self.reviewOf($0, .approve, revision: 2) }
        let inOrder = try Self.run([first] + round1 + [second] + round2)
        // Revision 2 overtakes the reviews that return revision 1, and reviews of revision 2
        // overtake revision 2 itself.
        let overtaken = try Self.run([first, second, round1[3], round2[0], round2[1], round1[0], round1[1], round1[2],
                                      round2[2], round2[3]])
        let reviewsFirst = try Self.run(round1 + round2 + [first, second])

        let expected = [
            "intake/assessment/PRJ-2026-201/r1",
            "intake/decision/PRJ-2026-201/r1/returned-for-revision",
            "intake/assessment/PRJ-2026-201/r2",
            "intake/decision/PRJ-2026-201/r2/approved",
            "intake/charter/PRJ-2026-201",
        ]
        #expect(inOrder == expected)
        #expect(overtaken == expected)
        #expect(reviewsFirst == expected)
    }

    @Test func aRefusalHasTheSameIdWhetherTheInputIsRefusedAtOnceOrAfterBeingHeld() throws {
        let outsider = review("finance", "max.keller", .approve)
        var atOnce = try ProcessorHarness()
        try atOnce.publish(proposal())
        let refusedAtOnce = try atOnce.publish(outsider)

        var held = try ProcessorHarness()
        #expect(try held.publish(outsider).isEmpty)  // no proposal yet: held
        held.advance(minutes: 11)
        let refusedLater = held.tick()

        let id = "intake/refusal/PRJ-2026-201/\(ProcessorHarness.inputID(outsider))@/tests"
        #expect(refusedAtOnce.decisions.map(\.outcome) == [.refused])
        #expect(refusedLater.decisions.map(\.outcome) == [.refused])
        #expect(refusedAtOnce.ids == [id])
        #expect(refusedLater.ids == [id])
    }

    @Test func aCharterHasTheSameIdWhetherIssuedWithTheApprovalOrOnceThePMIsAppointed() throws {
        var promoted = try exampleRoster()
        promoted.version = 13
        if let index = promoted.members.firstIndex(where: { $0.personId == "tom.nguyen" }) {
            promoted.members[index].roles.append(.projectManager)
        }
        let inputs: [any PMOEvent] = [proposal(pm: "tom.nguyen")]
            + ["business", "technical", "finance", "legal"].map { Self.reviewOf($0, .approve) }
        // The roster already lists the nominee as a PM: the charter follows the approval.
        let withTheApproval = try Self.run(inputs, roster: promoted)
        // It does not yet: the approval waits for the appointment, and a tick charters.
        var appointedLater = try ProcessorHarness()
        for input in inputs { try appointedLater.publish(input) }
        appointedLater.reference.apply(promoted)
        appointedLater.advance(minutes: 1)
        let ticked = appointedLater.tick()

        #expect(ticked.map { $0.event is ProjectChartered } == [true])
        #expect(ticked.ids == ["intake/charter/PRJ-2026-201"])
        #expect(withTheApproval.contains("intake/charter/PRJ-2026-201"))
        #expect(Set(appointedLater.ids) == Set(withTheApproval))
    }

    @Test func distinctDecisionsGetDistinctIds() throws {
        var harness = try ProcessorHarness()
        let other = "PRJ-2026-202"
        for project in [Self.project, other] {
            try harness.publish(proposal(project) { $0.budgetEstimate = nil })                 // incomplete: returned
            try harness.publish(proposal(project, revision: 2))                                 // under review
            try harness.publish(proposal(project, revision: 2), id: "\(project)-proposal-r2-again")  // duplicate: refused
            try harness.publish(review("finance", "max.keller", .approve, project: project, revision: 2))  // refused
            try harness.publish(review("finance", "omar.haddad", .reject, project: project, revision: 2))  // rejects r2
            try harness.publish(review("legal", "lena.vogel", .approve, project: project, revision: 2))    // refused: rejected
        }
        harness.advance(minutes: 60 * 24 * 6)
        harness.tick()  // nothing is under review any more: no reminder
        let ids = harness.ids
        #expect(Set(ids).count == ids.count, "two events share an id: \(ids)")
        #expect(Array(ids.prefix(8)) == [
            "intake/assessment/PRJ-2026-201/r1",
            "intake/decision/PRJ-2026-201/r1/returned-for-revision",
            "intake/assessment/PRJ-2026-201/r2",
            "intake/refusal/PRJ-2026-201/PRJ-2026-201-proposal-r2-again@/tests",
            "intake/refusal/PRJ-2026-201/PRJ-2026-201-review-r2-finance-max.keller-approve@/tests",
            "intake/decision/PRJ-2026-201/r2/rejected",
            "intake/refusal/PRJ-2026-201/PRJ-2026-201-review-r2-legal-lena.vogel-approve@/tests",
            "intake/assessment/PRJ-2026-202/r1",
        ])
        #expect(ids.count == 14)
    }

    @Test func aReminderIsNamedAfterItsRevision() throws {
        var harness = try ProcessorHarness()
        try harness.publish(proposal())
        harness.advance(minutes: 60 * 24 * 5 + 1)
        let ticked = harness.tick()
        #expect(ticked.map { $0.event is ReviewReminderIssued } == [true])
        #expect(ticked.ids == ["intake/reminder/PRJ-2026-201/r1"])
    }
}
