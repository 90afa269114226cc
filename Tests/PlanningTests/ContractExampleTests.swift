import Foundation
import Testing
@testable import Planning
import PMOModel

/// The contracts' examples tell one story: the example plan of PRJ-2026-014, reviewed by the
/// service's own code against the example charter, policy and roster, gives what the example
/// review says.
@Suite("The contract examples agree with the plan review")
struct ContractExampleTests {
    @Test func theExamplePlanReviewsAsTheExampleReviewSays() throws {
        let result = PlanReview.review(try exampleEvent(PlanSubmitted.self), charter: try exampleEvent(ProjectChartered.self),
                                       policy: try exampleEvent(PolicyPublished.self), roster: try exampleEvent(RosterPublished.self))
        let example = try exampleEvent(PlanReviewCompleted.self)
        #expect(result.blockingFindings.isEmpty, "\(result.blockingFindings.map(\.finding))")
        #expect(result.findings.isEmpty, "\(result.findings.map(\.finding))")
        #expect(result.subPlans == example.subPlans)
        #expect(result.charterCompliance == example.charterCompliance)
        #expect(result.expertReview.required == example.expertReviewRequired)
        #expect(result.schedule?.criticalPath == (try exampleEvent(PlanSubmitted.self)).subPlans.schedule?.criticalPath)
    }
}
