import Foundation
import PMOModel
import Testing
@testable import Monitoring

@Suite("A project's alert and escalation numbers")
struct AlertNumberingTests {
    @Test func idsCountUpAndSortByNumberNotByText() {
        var numbering = AlertNumbering()
        #expect([numbering.alertId(), numbering.alertId(), numbering.escalationId()] == ["AL-1", "AL-2", "ES-1"])
        #expect(["AL-10", "AL-9", "AL-2"].sorted(by: AlertNumbering.precedes) == ["AL-2", "AL-9", "AL-10"])
    }

    @Test func theNumberIsReadAfterTheLastDashAndIsZeroWhenThereIsNone() {
        #expect(AlertNumbering.number(of: "AL-12") == 12)
        #expect(AlertNumbering.number(of: "ES-2026-7") == 7)
        for id in ["AL-", "AL-x", "AL-1x", "AL", "", "AL-1234567890123456789"] {
            #expect(AlertNumbering.number(of: id) == 0, "\(id)")
        }
        #expect(["ES-10", "AL-9", "AL-x"].sorted(by: AlertNumbering.precedes) == ["AL-x", "AL-9", "ES-10"])
    }

    @Test("a project's open alerts and escalations, from every rule, are listed in number order")
    func openIdsInNumberOrder() throws {
        func alert(_ id: String, _ kind: AlertKind) -> AlertRaised {
            AlertRaised(projectId: "PRJ-2026-001", alertId: id, kind: kind, severity: .warning, raisedAt: Date(timeIntervalSince1970: 0),
                        policyVersion: 1, summary: "s", assignee: "amelie.moreau")
        }
        func escalation(_ id: String) -> EscalationRaised {
            EscalationRaised(projectId: "PRJ-2026-001", escalationId: id, kind: .majorRisk, subjectId: "R-1", description: "d",
                             raisedAt: Date(timeIntervalSince1970: 0), policyVersion: 1, departmentsToCoordinate: [], escalateTo: [])
        }
        var project = ProjectMonitoring(projectId: "PRJ-2026-001")
        project.variance.schedule = .escalated(alert("AL-10", .scheduleVariance), escalation("ES-10"))
        project.variance.cost = .raised(alert("AL-2", .costVariance))
        project.trend.open[.costPerformanceIndex] = alert("AL-9", .adverseTrend)
        project.overdue.open = [OverdueReports.Open(dueOn: try #require(CalendarDate("2026-03-02")), alert: alert("AL-1", .overdueStatusReport))]
        project.escalations.open["R-1"] = escalation("ES-9")
        #expect(project.openAlertIds == ["AL-1", "AL-2", "AL-9", "AL-10"])
        #expect(project.openEscalationIds == ["ES-9", "ES-10"])
        #expect(ProjectMonitoring(projectId: "PRJ-2026-002").openAlertIds.isEmpty)
    }
}
