import Foundation
import Testing
@testable import PMOControl
import PMOModel

/// The events of `schemas/examples/<type>.json`, validated as `pmoctl publish` validates them.
func examples(_ type: String) throws -> [any PMOEvent] {
    let path = repositoryRoot.appendingPathComponent("schemas/examples/\(type).json").path
    return try EventValidation.check(try EventDocument.read(path), type: type).get()
}

/// The example plan as a JSON object, to break on purpose.
func examplePlanObject() throws -> [String: Any] {
    let path = repositoryRoot.appendingPathComponent("schemas/examples/\(PlanSubmitted.eventType).json").path
    let data = try #require(FileManager.default.contents(atPath: path))
    let array = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
    return try #require(array.first)
}

@Suite("pmoctl: planning events")
struct PlanningEventTests {
    let decidedAt = Date(timeIntervalSince1970: 1_780_000_000)

    @Test func plansAndExpertReviewsArePublishedAsInputs() throws {
        #expect(try EventValidation.resolveType("plan.submitted") == PlanSubmitted.eventType)
        #expect(try EventValidation.resolveType("expert-review.submitted") == ExpertReviewSubmitted.eventType)
        // The catalog sends them to the topics pmo-planning reads, and pmoctl may write there.
        let plans = try #require(TopicCatalog.topic(carrying: PlanSubmitted.eventType))
        #expect(plans.name == "pmo.planning.plans" && plans.writer == .upstream)
        let reviews = try #require(TopicCatalog.topic(carrying: ExpertReviewSubmitted.eventType))
        #expect(reviews.name == "pmo.planning.expert-reviews" && reviews.writer == .upstream)
    }

    @Test func theExamplePlanAndExpertReviewFilesAreValid() throws {
        let plans = try examples(PlanSubmitted.eventType)
        #expect(plans.count == 2 && plans.allSatisfy { $0 is PlanSubmitted })
        let reviews = try examples(ExpertReviewSubmitted.eventType)
        #expect(reviews.count == 1 && reviews.first is ExpertReviewSubmitted)
    }

    @Test func anInconsistentPlanIsRejectedWithItsPointers() throws {
        var broken = try examplePlanObject()
        broken["revision"] = 0
        var baseline = try #require(broken["baseline"] as? [String: Any])
        // The first two points of the planned-value curve swapped: out of date order, and decreasing.
        var curve = try #require(baseline["plannedValueCurve"] as? [Any])
        curve.swapAt(0, 1)
        baseline["plannedValueCurve"] = curve
        // One work package's planned value raised: BAC no longer adds up.
        var packages = try #require(baseline["workPackages"] as? [[String: Any]])
        packages[3]["plannedValue"] = ["amount": 120_000, "currency": "EUR"]
        baseline["workPackages"] = packages
        broken["baseline"] = baseline
        let data = try JSONSerialization.data(withJSONObject: [try examplePlanObject(), broken])
        let document = try EventDocument.parse(data, origin: "plans.json")

        let report = try #require(EventValidation.check(document, type: PlanSubmitted.eventType).failure)
        #expect(Set(report.violations.map(\.pointer)) == [
            "/1/revision",
            "/1/baseline/budgetAtCompletion/amount",
            "/1/baseline/plannedValueCurve/1/date",
            "/1/baseline/plannedValueCurve/1/cumulativePlannedValue/amount",
        ])
        #expect(report.description.contains("/1/baseline/budgetAtCompletion/amount: is 800000 but the work packages' planned values add up to 810000"))
        #expect(report.description.contains("plans.json is not a valid pmo.planning.plan.submitted.v1 (4 violations); nothing was published"))
    }

    @Test func planAndExpertReviewGists() throws {
        let plans = try examples(PlanSubmitted.eventType)
        try #require(plans.count == 2)
        #expect(EventGist.of(plans[0])
            == "r1 by marc.lefevre: 8 sub-plans, 4 work packages, 3 milestones, BAC 800000 EUR, 2026-04-01→2027-03-31")
        // The second example leaves out six sub-plans.
        #expect(EventGist.of(plans[1]).hasPrefix(
            "r2 by marc.lefevre: 2 of 8 sub-plans (missing cost, quality, resource, communication, risk, procurement), 1 work package, 1 milestone, BAC 64000 EUR, "))

        let review = try #require(try examples(ExpertReviewSubmitted.eventType).first)
        #expect(EventGist.of(review) == "r1 expert review by sofia.rossi: approve (2 finding(s))")
    }

    @Test func reviewGistsCountBlockingAndAdvisoryFindings() throws {
        let reviews = try examples(PlanReviewCompleted.eventType)
        try #require(reviews.count == 2)
        #expect(EventGist.of(reviews[0])
            == "r1 no findings, expert review required: The project is classified complex; policy version 3 requires an expert review. [policy v3]")
        // Three major findings block; the minor one is advisory.
        #expect(EventGist.of(reviews[1]) == "r2 3 blocking, 1 advisory finding(s), no expert review [policy v3]")
    }

    @Test func decisionGistsShowOutcomeAndFirstReasonOrTheRefusal() throws {
        let decisions = try examples(PlanDecisionMade.eventType)
        try #require(decisions.count == 2)
        #expect(EventGist.of(decisions[0])
            == "r1 APPROVED: All eight sub-plans compliant, the baseline respects the charter, and the expert approved. [policy v3]")
        #expect(EventGist.of(decisions[1])
            == "r2 RETURNED-FOR-REVISION: Required sub-plans are missing: cost, quality. (+1 more) [policy v3]")

        let reason = "lena.vogel is not an expert on roster v2; only the roster's experts review plans"
        let refusal = PlanDecisionMade(
            projectId: "PRJ-2026-014", planRevision: 1, decidedAt: decidedAt, policyVersion: 3, outcome: .refused,
            reasons: [reason],
            refusal: Refusal(refusedEventType: ExpertReviewSubmitted.eventType, refusedEventId: "e7",
                             refusedEventSource: "/pmoctl/lena", submittedBy: "lena.vogel", reason: reason))
        #expect(EventGist.of(refusal)
            == "r1 REFUSED pmo.planning.expert-review.submitted.v1 from lena.vogel: \(reason) [policy v3]")
    }

    @Test func baselineAndReminderGists() throws {
        let baseline = try #require(try examples(ProjectBaselined.eventType).first)
        #expect(EventGist.of(baseline)
            == "baseline r1 from plan r1, BAC 800000 EUR, PM marc.lefevre, 2026-04-01→2027-03-31 [policy v3]")

        let reminder = try #require(try examples(ExpertReviewReminderIssued.eventType).first)
        #expect(EventGist.of(reminder)
            == "r1 expert review overdue since 2026-03-20T16:45:03Z (reminder 1, every 7 days): 1/2 verdicts, waiting for lena.fischer, marco.bianchi")
    }

    @Test func tailShowsAPlanningDecisionInOneLine() throws {
        let decision = PlanDecisionMade(
            projectId: "PRJ-2026-014", planRevision: 2, decidedAt: decidedAt, policyVersion: 4, outcome: .rejected,
            reasons: ["expert lena.fischer rejected revision 2: the migration has no rollback"],
            expertReviews: [ExpertReviewReference(expert: "lena.fischer", verdict: .reject)])
        let record = try EventRegistry.standard.encode(decision, id: "planning/decision/PRJ-2026-014/r2/rejected",
                                                       source: "/pmo/planning", time: decidedAt)
        let line = TailLine.render(topic: "pmo.planning.decisions", headers: record.headers, key: record.key,
                                   value: record.value, timestampMilliseconds: nil)
        #expect(line == "\(RFC3339.format(decidedAt))  PRJ-2026-014  pmo.planning.decision.made.v1  "
            + "r2 REJECTED: expert lena.fischer rejected revision 2: the migration has no rollback [policy v4]")
    }
}
