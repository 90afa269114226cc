import Testing
@testable import Planning
import PMOModel

@Suite("Reporting cadence and the risk register")
struct CommunicationAndRiskTests {
    @Test func aCadenceUpToThePolicysIsFine() throws {
        let policy = try samplePolicy()  // at least every 14 days
        #expect(ReportingCadence.check(samplePlan(), policy: policy).isEmpty)
        let weekly = samplePlan { $0.subPlans.communication?.statusReportCadenceDays = 7 }
        #expect(ReportingCadence.check(weekly, policy: policy).isEmpty)
    }

    @Test func aLongerCadenceIsReported() throws {
        let plan = samplePlan { $0.subPlans.communication?.statusReportCadenceDays = 15 }
        #expect(ReportingCadence.check(plan, policy: try samplePolicy()) == [RuleFinding(.reportingCadence, on: .communication,
            "Status reports every 15 days are less frequent than the policy's every 14 days.")])
    }

    @Test func theSampleRisksHaveResponsesAndOwnersOnTheRoster() {
        #expect(RiskRegister.check(samplePlan(), roster: sampleRoster()).isEmpty)
    }

    @Test func aRiskWithoutResponseOrWithAnOwnerOffTheRosterIsReported() {
        let plan = samplePlan {
            $0.subPlans.risk?.riskRegister = [
                risk("R-1", 0.3, 4, response: nil),
                risk("R-2", 0.5, 3, owner: "paul.meyer"),
                risk("R-3", 0.1, 2, owner: "paul.meyer", response: "  ", status: .closed),
            ]
        }
        #expect(RiskRegister.check(plan, roster: sampleRoster()) == [
            RuleFinding(.riskRegister, on: .risk, "Risk R-1 has no response."),
            RuleFinding(.riskRegister, on: .risk, "Risk R-2 is owned by paul.meyer, who is not on the roster (version 12)."),
            RuleFinding(.riskRegister, on: .risk, "Risk R-3 has no response."),
            RuleFinding(.riskRegister, on: .risk, "Risk R-3 is owned by paul.meyer, who is not on the roster (version 12)."),
        ])
    }
}
