import Foundation
import Testing
@testable import PMOModel

/// Rules beyond what types and JSON Schema express: every violation is reported, each at its field.
@Suite struct DomainRuleTests {
    @Test func reportsEveryViolationNotJustTheFirst() throws {
        var proposal = try example(ProposalSubmitted.self)
        proposal.projectId = "PRJ-14"
        proposal.initialRisks[1].probability = 1.4
        proposal.initialRisks[0].impact = 0
        proposal.budgetEstimate?.amount = -1
        proposal.targetFinish = try date("2026-01-01")
        #expect(pointers(proposal) == [
            "/projectId", "/initialRisks/1/probability", "/initialRisks/0/impact", "/budgetEstimate/amount", "/targetFinish",
        ])
        #expect(proposal.validate().allSatisfy { !$0.message.isEmpty })
    }

    @Test func proposalListsItsMissingSectionsWithoutViolations() throws {
        let complete = try example(ProposalSubmitted.self, 0)
        #expect(complete.missingSections.isEmpty)
        let sparse = try example(ProposalSubmitted.self, 1)
        #expect(sparse.validate().isEmpty)
        #expect(sparse.missingSections == [.scope, .deliverables, .assumptions, .constraints, .businessCase,
                                           .resourceNeeds, .risks, .departmentsInvolved])
    }

    @Test func proposalCurrenciesMustAgree() throws {
        var proposal = try example(ProposalSubmitted.self)
        proposal.businessCase?.estimatedCost.currency = "USD"
        #expect(pointers(proposal) == ["/businessCase/estimatedCost/currency"])
    }

    @Test func rejectingReviewNeedsFindings() throws {
        var review = try example(ReviewSubmitted.self, 1)
        review.verdict = .reject
        #expect(pointers(review) == ["/findings"])
    }

    @Test func assessmentCompletenessIsConsistent() throws {
        var incomplete = try example(AssessmentCompleted.self, 1)
        incomplete.recommendation = .proceed
        incomplete.missingSections = []
        #expect(pointers(incomplete) == ["/missingSections", "/recommendation"])
        var complete = try example(AssessmentCompleted.self, 0)
        complete.totalScore = nil
        complete.scores.append(complete.scores[0])
        #expect(pointers(complete) == ["/totalScore", "/scores"])
    }

    @Test func refusalAccompaniesExactlyTheRefusedOutcome() throws {
        var returned = try example(IntakeDecisionMade.self, 0)
        returned.refusal = try example(IntakeDecisionMade.self, 1).refusal
        #expect(pointers(returned) == ["/refusal"])
        var refused = try example(IntakeDecisionMade.self, 1)
        refused.refusal = nil
        refused.projectManagerAppointmentRequired = true
        #expect(pointers(refused) == ["/refusal", "/projectManagerAppointmentRequired"])
    }

    @Test func baselineAddsUpAndReferencesWhatItLists() throws {
        var plan = try example(PlanSubmitted.self)
        plan.baseline.workPackages[1].plannedValue.amount += 1
        plan.baseline.workPackages[2].milestoneId = "MS-9"
        plan.baseline.workPackages[3].plannedFinish = try date("2026-12-31")
        plan.baseline.plannedValueCurve[2].cumulativePlannedValue.amount = 100_000
        plan.baseline.resourceAssignments[0].workPackageId = "WP-7"
        plan.subPlans.scope?.workBreakdown.append("WP-5")
        plan.subPlans.schedule?.keyMilestones[0] = "MS-8"
        plan.subPlans.cost?.managementReserve.currency = "USD"
        #expect(pointers(plan) == [
            "/baseline/budgetAtCompletion/amount",
            "/baseline/workPackages/2/milestoneId",
            "/baseline/workPackages/3/plannedFinish",
            "/baseline/plannedValueCurve/2/cumulativePlannedValue/amount",
            "/baseline/resourceAssignments/0/workPackageId",
            "/subPlans/scope/workBreakdown/4",
            "/subPlans/schedule/keyMilestones/0",
            "/subPlans/cost/managementReserve/currency",
        ])
    }

    @Test func curveMustEndAtTheBudgetAndMoveForwardInTime() throws {
        var baselined = try example(ProjectBaselined.self)
        baselined.baseline.plannedValueCurve[3].cumulativePlannedValue.amount = 790_000
        baselined.baseline.plannedValueCurve[1].date = try date("2026-06-30")
        baselined.baselineRevision = 3
        #expect(pointers(baselined) == [
            "/baselineRevision", "/baseline/plannedValueCurve/1/date", "/baseline/plannedValueCurve/3/cumulativePlannedValue/amount",
        ])
    }

    @Test func plansMayOmitSubPlansForTheReviewToReport() throws {
        let plan = try example(PlanSubmitted.self, 1)
        #expect(plan.validate().isEmpty)
        #expect(plan.presentSubPlans == [.scope, .schedule])
        #expect(plan.missingSubPlans(required: SubPlanKind.allCases) == [.cost, .quality, .resource, .communication, .risk, .procurement])
        #expect(try example(PlanSubmitted.self, 0).missingSubPlans(required: SubPlanKind.allCases).isEmpty)
    }

    @Test func planReviewCannotCallAMissingSubPlanCompliant() throws {
        var review = try example(PlanReviewCompleted.self, 1)
        review.subPlans[2].compliant = true
        #expect(pointers(review) == ["/subPlans/2/compliant"])
    }

    @Test func statusReportRules() throws {
        var report = try example(StatusReported.self, 0)
        report.percentComplete = nil
        report.earnedValue = nil
        report.periodEnd = try date("2026-08-31")
        report.final = true
        #expect(pointers(report) == ["/periodEnd", "/percentComplete", "/lessonsLearned"])
        var closing = try example(StatusReported.self, 1)
        closing.milestonesReached[0].reachedOn = try date("2026-04-02")
        closing.lessonsLearned = []
        #expect(pointers(closing) == ["/milestonesReached/0/reachedOn", "/lessonsLearned"])
    }

    @Test func varianceAlertNeedsActionAndDueDate() throws {
        var alert = try example(AlertRaised.self, 0)
        alert.requiredAction = nil
        alert.actionDueOn = nil
        #expect(pointers(alert) == ["/requiredAction", "/actionDueOn"])
        #expect(try example(AlertRaised.self, 1).validate().isEmpty)
    }

    @Test func conflictMustBeAnOverAllocationThatAddsUp() throws {
        var conflict = try example(ResourceConflictDetected.self)
        #expect(conflict.overAllocationHours == 72)
        conflict.capacityHours = 250
        conflict.allocations[1].hours = 60
        #expect(pointers(conflict) == ["/allocatedHours", "/allocations"])
    }

    @Test func changeDecisionAuthorityRules() throws {
        var decision = try example(ChangeDecisionMade.self, 0)
        decision.decidedBy = .projectManager
        #expect(pointers(decision) == ["/votes"])
        var refused = try example(ChangeDecisionMade.self, 1)
        refused.decidedBy = .changeControlBoard
        #expect(pointers(refused) == ["/decidedBy", "/quorumMet"])
    }

    @Test func rebaselineFollowsThePreviousRevision() throws {
        var rebaselined = try example(ProjectRebaselined.self)
        rebaselined.previousBaselineRevision = 0
        #expect(pointers(rebaselined) == ["/previousBaselineRevision"])
        rebaselined.baselineRevision = 1
        rebaselined.previousBaselineRevision = 1
        #expect(pointers(rebaselined) == ["/baselineRevision", "/previousBaselineRevision"])
        #expect(rebaselined.validate().contains { $0.message.contains("revision 2 or later") })
    }

    @Test func policyRules() throws {
        var policy = try example(PolicyPublished.self)
        policy.intake.criteria[0].weight = 0.5
        policy.monitoring.scheduleBands.amberFrom = 0.99
        policy.changeControl.pmTolerance.cost.currency = "USD"
        policy.classification.major.minBudget.amount = 100
        #expect(pointers(policy) == [
            "/intake/criteria", "/monitoring/scheduleBands/amberFrom", "/changeControl/pmTolerance/cost/currency",
            "/classification/major/minBudget/amount",
        ])
    }

    @Test func monitoringPolicyHealthRules() throws {
        var policy = try example(PolicyPublished.self)
        policy.monitoring.qualityBands?.openDefectsAmberFrom = 21                // red from 20
        policy.monitoring.qualityBands?.failedAcceptanceTestsAmberFrom = 4       // red from 3
        policy.monitoring.riskAmberScore = 3.5                                  // escalated from 3.0
        policy.monitoring.trendReports = 1
        #expect(pointers(policy) == [
            "/monitoring/qualityBands/openDefectsAmberFrom", "/monitoring/qualityBands/failedAcceptanceTestsAmberFrom",
            "/monitoring/riskAmberScore", "/monitoring/trendReports",
        ])
        // At the boundary each rule holds: amber equal to red, the amber score equal to the
        // escalation score, a trend over 2 reports.
        policy.monitoring.qualityBands?.openDefectsAmberFrom = 20
        policy.monitoring.qualityBands?.failedAcceptanceTestsAmberFrom = 3
        policy.monitoring.riskAmberScore = 3.0
        policy.monitoring.trendReports = 2
        #expect(pointers(policy).isEmpty)
        // Absent, they are not checked (the defaults apply).
        policy.monitoring.qualityBands = nil
        policy.monitoring.riskAmberScore = nil
        policy.monitoring.trendReports = nil
        #expect(pointers(policy).isEmpty)
    }

    @Test func rosterIdentifiersAreUnique() throws {
        var roster = try example(RosterPublished.self)
        roster.members[8].resource?.resourceId = "RES-0107"
        roster.members[2].personId = "marc.lefevre"
        #expect(pointers(roster) == ["/members", "/members/8/resource/resourceId"])
        #expect(roster.members(withRole: .departmentReviewer, in: "finance").map(\.personId) == ["omar.haddad"])
        #expect(roster.member("lena.vogel")?.department == "legal")
    }

    @Test func escalationAndHealthRules() throws {
        var escalation = try example(EscalationRaised.self, 0)
        escalation.score = nil
        #expect(pointers(escalation) == ["/score"])
        #expect(try example(EscalationRaised.self, 1).validate().isEmpty)
        var unresolved = try example(EscalationRaised.self, 2)
        #expect(unresolved.validate().isEmpty)
        unresolved.alertId = nil
        unresolved.measures.removeLast()
        #expect(pointers(unresolved) == ["/alertId", "/measures"])
        unresolved.measures = []
        #expect(pointers(unresolved) == ["/alertId", "/measures"])
        var health = try example(HealthAssessed.self)
        health.ratings.overall = .amber
        #expect(pointers(health) == ["/ratings/overall"])
    }

    @Test func expertReviewReminderComesAfterTheRequestAndOnlyWhileVerdictsAreMissing() throws {
        var reminder = try example(ExpertReviewReminderIssued.self)
        #expect(reminder.validate().isEmpty)
        reminder.remindedAt = try instant("2026-03-19T07:00:00Z")
        #expect(pointers(reminder) == ["/remindedAt"])
        reminder = try example(ExpertReviewReminderIssued.self)
        reminder.verdictsReceived = reminder.verdictsRequired
        #expect(pointers(reminder) == ["/verdictsReceived"])
    }

    @Test func planningPolicyAmountsAreInThePolicyCurrencyAndEachCheckHasOneSeverity() throws {
        var policy = try example(PolicyPublished.self)
        #expect(policy.validate().isEmpty)
        policy.planning.expertReview?.minBudgetAtCompletion = Money(1_500_000, "USD")
        policy.planning.findingSeverities.append(PlanCheckSeverity(check: .criticalPath, severity: .major))
        #expect(pointers(policy) == ["/planning/expertReview/minBudgetAtCompletion/currency", "/planning/findingSeverities"])
    }

    @Test func aHealthIsMeasuredWithEveryPartOrHasNoneWithoutABaseline() throws {
        for index in 0..<3 { #expect(try example(HealthAssessedV2.self, index).validate().isEmpty) }
        var measured = try example(HealthAssessedV2.self)
        measured.figures = nil
        measured.trend = nil
        #expect(pointers(measured) == ["/figures", "/trend"])
        var unmeasured = try example(HealthAssessedV2.self, 2)
        unmeasured.ratings = try example(HealthAssessedV2.self).ratings
        #expect(pointers(unmeasured) == ["/ratings"])
        measured = try example(HealthAssessedV2.self)
        measured.supersededBy = 1
        #expect(pointers(measured) == ["/supersededBy"])
    }

    @Test func reminderComesAfterTheRequest() throws {
        var reminder = try example(ReviewReminderIssued.self)
        reminder.remindedAt = try instant("2026-02-20T07:00:00Z")
        #expect(pointers(reminder) == ["/remindedAt"])
    }
}
