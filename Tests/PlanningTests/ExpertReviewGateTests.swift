import Foundation
import Testing
@testable import Planning
import PMOModel

/// The expert review gate as a state machine, without I/O: each verdict's action.
@Suite("Expert review gate: who counts, and what the verdicts decide")
struct ExpertReviewGateTests {
    static func gate(verdicts required: Int = 2) -> ExpertReviewGate {
        ExpertReviewGate(plan: samplePlan(), policyVersion: 3, verdictsRequired: required, reason: "test", requestedAt: t0)
    }

    @Test func verdictsAreCountedUntilTheRequiredNumberThenDecide() {
        var gate = Self.gate()
        #expect(gate.receive(verdict("sofia.rossi", .approve), roster: deskRoster()) == .wait)
        #expect(gate.pendingExperts(on: deskRoster()) == ["kai.tanaka"])
        let decision = gate.receive(verdict("kai.tanaka", .approve), roster: deskRoster())
        #expect(decision == .approve([verdict("sofia.rossi", .approve), verdict("kai.tanaka", .approve)]))
    }

    @Test func aRejectionDecidesBeforeTheRequiredNumber() {
        var gate = Self.gate(verdicts: 3)
        #expect(gate.receive(verdict("kai.tanaka", .reject), roster: deskRoster()) == .reject([verdict("kai.tanaka", .reject)]))
    }

    @Test func aReviseAmongTheRequiredVerdictsReturnsThePlan() {
        var gate = Self.gate()
        #expect(gate.receive(verdict("sofia.rossi", .revise), roster: deskRoster()) == .wait)
        #expect(gate.receive(verdict("kai.tanaka", .approve), roster: deskRoster())
            == .returnForRevision([verdict("sofia.rossi", .revise), verdict("kai.tanaka", .approve)]))
    }

    @Test func refusedVerdictsLeaveTheGateAsItWas() {
        var gate = Self.gate()
        let before = gate
        for refused in [verdict("max.keller", .approve), verdict("lena.vogel", .approve), verdict("sofia.rossi", .approve, revision: 2)] {
            guard case .refuse = gate.receive(refused, roster: deskRoster()) else {
                Issue.record("\(refused.expert) was counted")
                continue
            }
        }
        #expect(gate == before)
        _ = gate.receive(verdict("sofia.rossi", .approve), roster: deskRoster())
        guard case .refuse = gate.receive(verdict("sofia.rossi", .approve), roster: deskRoster()) else {
            Issue.record("a second verdict was counted")
            return
        }
        #expect(gate.verdicts.count == 1)
    }

    @Test func atLeastOneVerdictIsRequired() {
        #expect(Self.gate(verdicts: 0).verdictsRequired == 1)
    }
}
