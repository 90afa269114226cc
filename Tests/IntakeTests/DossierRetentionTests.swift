import Foundation
import Testing
@testable import Intake
import PMOModel
import ServiceRuntime

/// Once a revision is decided, the state keeps only what later inputs are checked against.
@Suite("Intake dossier retention")
struct DossierRetentionTests {
    static let project = "PRJ-2026-201"

    static func reviewAll(_ harness: inout ProcessorHarness, _ verdicts: [Verdict], revision: Int = 1) throws {
        for (department, verdict) in zip(["business", "technical", "finance", "legal"], verdicts) {
            try harness.publish(review(department, reviewers[department] ?? "", verdict, revision: revision))
        }
    }

    /// Only the proposal's cover is kept: no sections, no gate, no assessment.
    static func expectOnlyTheCover(_ dossier: ProposalDossier?, revision: Int) {
        #expect(dossier?.gate == nil)
        #expect(dossier?.assessment == nil)
        #expect(dossier?.revision == revision)
        #expect(dossier?.proposal.title == "Customer analytics")
        #expect(dossier?.proposal.businessCase == nil)
        #expect(dossier?.proposal.scope == nil)
        #expect(dossier?.proposal.initialRisks.isEmpty == true)
        #expect(dossier?.proposal.resourceNeeds.isEmpty == true)
        #expect(dossier?.proposal.missingSections.isEmpty == false)
    }

    @Test func aRejectedProposalKeepsOnlyItsCoverAndStillRefusesWhatComesLater() throws {
        var harness = try ProcessorHarness()
        try harness.publish(proposal())
        try harness.publish(review("business", "julien.bernard", .approve))
        try harness.publish(review("finance", "omar.haddad", .reject))
        let state = try #require(harness.states[Self.project])
        #expect(state.dossier?.phase == .rejected)
        Self.expectOnlyTheCover(state.dossier, revision: 1)
        #expect(try PMOJSON.decode(IntakeCase.self, from: PMOJSON.encode(state)) == state)

        let late = try harness.publish(review("legal", "lena.vogel", .approve))
        #expect(late.decisions.first?.refusal?.reason == "PRJ-2026-201 was rejected (revision 1); it takes no more reviews")
        let resubmitted = try harness.publish(proposal(revision: 2))
        #expect(resubmitted.decisions.first?.refusal?.reason.contains("was already rejected (revision 1)") == true)
    }

    @Test func aCharteredProjectKeepsOnlyItsCover() throws {
        var harness = try ProcessorHarness()
        try harness.publish(proposal())
        try Self.reviewAll(&harness, [.approve, .approve, .approve, .approve])
        #expect(harness.states[Self.project]?.dossier?.phase == .chartered)
        Self.expectOnlyTheCover(harness.states[Self.project]?.dossier, revision: 1)
        let resubmitted = try harness.publish(proposal(revision: 2))
        #expect(resubmitted.decisions.first?.refusal?.reason.contains("already approved and chartered (revision 1)") == true)
    }

    @Test func aReturnedRevisionKeepsOnlyItsCoverAndTheNextRevisionIsAssessedInFull() throws {
        var harness = try ProcessorHarness()
        try harness.publish(proposal())
        try Self.reviewAll(&harness, [.approve, .approve, .approve, .revise])
        #expect(harness.states[Self.project]?.dossier?.phase == .returnedForRevision)
        Self.expectOnlyTheCover(harness.states[Self.project]?.dossier, revision: 1)
        let events = try harness.publish(proposal(revision: 2))
        #expect((events.first?.event as? AssessmentCompleted)?.recommendation == .proceed)
        #expect(harness.states[Self.project]?.dossier?.gate?.pendingDepartments == ["business", "technical", "finance", "legal"])
        #expect(harness.states[Self.project]?.dossier?.proposal == proposal(revision: 2))
    }

    @Test func anApprovalAwaitingItsPMKeepsWhatTheCharterNeedsButNotTheReviews() throws {
        var harness = try ProcessorHarness()
        try harness.publish(proposal(pm: "tom.nguyen"))
        try Self.reviewAll(&harness, [.approve, .approve, .approve, .approve])
        let waiting = try #require(harness.states[Self.project]?.dossier)
        #expect(waiting.phase == .awaitingProjectManager)
        #expect(waiting.gate == nil)
        #expect(waiting.assessment != nil)
        #expect(waiting.proposal == proposal(pm: "tom.nguyen"))

        var roster = try exampleRoster()
        roster.version = 13
        if let index = roster.members.firstIndex(where: { $0.personId == "tom.nguyen" }) {
            roster.members[index].roles.append(.projectManager)
        }
        harness.reference.apply(roster)
        let charter = try #require(harness.tick().first?.event as? ProjectChartered)
        #expect(charter.budgetCeiling == eur(400_000))
        #expect(charter.priority == .critical)
        Self.expectOnlyTheCover(harness.states[Self.project]?.dossier, revision: 1)
    }
}
